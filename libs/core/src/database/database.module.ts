import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import { API_POOL_SIZE } from '../config/app-config';
import { ReadReplicas } from './read-replicas';

export interface DatabaseModuleOptions {
  url: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  /** Connections per process. */
  poolSize?: number;
  applicationName?: string;
  /**
   * Read replicas (`DATABASE_READ_URLS`) for anonymous queries (README, "Running on several
   * machines"): the API's; the worker reads and writes on the primary only.
   */
  readUrls?: string[];
}

/**
 * The TypeORM connection. The schema comes only from migrations: `synchronize` is off here and
 * everywhere else, tests included. `ReadReplicas` is provided to every module (empty without
 * replicas), and installed in the data source as soon as it is initialised.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(ReadReplicas) private readonly replicas: ReadReplicas) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const poolSize = options.poolSize ?? API_POOL_SIZE;
    const applicationName = options.applicationName ?? 'dispute-body';
    const replicas = new ReadReplicas({
      urls: options.readUrls ?? [],
      poolSize,
      applicationName: `${applicationName}-read`,
      logger: new Logger('ReadReplicas'),
    });
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres',
            url: options.url,
            entities: options.entities,
            migrations: options.migrations,
            synchronize: false,
            uuidExtension: 'pgcrypto',
            migrationsRun: false,
            logging: false,
            extra: { max: poolSize, application_name: applicationName },
          }),
          dataSourceFactory: async (dataSourceOptions) => {
            const dataSource = await new DataSource(dataSourceOptions as DataSourceOptions).initialize();
            replicas.install(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [{ provide: ReadReplicas, useValue: replicas }],
      exports: [ReadReplicas],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.replicas.close();
  }
}
