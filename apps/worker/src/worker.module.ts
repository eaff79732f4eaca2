import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, Clock, CoreModule, DatabaseModule } from '@app/core';
import { ALL_ENTITIES, ALL_MIGRATIONS } from '@app/migrations';
import { HearingsModule } from '@app/hearings';
import { NoticesModule } from '@app/notices';
import { PanelsModule } from '@app/panels';
import { RegistryModule } from '@app/registry';
import { JobsService } from './jobs.service';

export interface WorkerModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  jwtSecret: string;
  clock?: Clock;
}

/** The worker process: the same services as the API, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot({ config: options.config, jwtSecret: options.jwtSecret, clock: options.clock }),
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          entities: ALL_ENTITIES,
          migrations: ALL_MIGRATIONS,
          poolSize: 4,
          applicationName: 'dispute-body-worker',
        }),
        RegistryModule,
        NoticesModule,
        PanelsModule,
        HearingsModule,
      ],
      providers: [JobsService],
    };
  }
}
