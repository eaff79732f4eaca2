import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';

export interface DatabaseModuleOptions {
  url: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  /** Connections per process. */
  poolSize?: number;
  applicationName?: string;
}

/**
 * The TypeORM connection. The schema comes only from migrations: `synchronize` is off here and
 * everywhere else, tests included.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.url,
          entities: options.entities,
          migrations: options.migrations,
          synchronize: false,
          uuidExtension: 'pgcrypto',
          migrationsRun: false,
          logging: false,
          extra: {
            max: options.poolSize ?? 10,
            application_name: options.applicationName ?? 'dispute-body',
          },
        }),
      ],
    };
  }
}
