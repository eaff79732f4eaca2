import type { INestApplication } from '@nestjs/common';
import { AuditCheckpoints, Metrics } from '@app/core';
import { HearingRemindersService } from '@app/hearings';
import { NoticeDelivery, RemindersService, WebhookDelivery } from '@app/notices';
import { ElectionClosingService } from '@app/panels';
import { ProcedureSweeper, UploadsService } from '@app/registry';
import { JobsService } from '../../apps/worker/src/jobs.service';

/**
 * The worker's round of timed work over an API application's services (the API outside a sandbox
 * does not assemble it), timed into `metrics` (the application's own unless given).
 */
export function workerJobs(app: INestApplication, metrics?: Metrics): JobsService {
  const get = <T>(type: abstract new (...args: never[]) => T) => app.get(type as never, { strict: false }) as T;
  return new JobsService(
    get(ProcedureSweeper),
    get(ElectionClosingService),
    get(AuditCheckpoints),
    get(NoticeDelivery),
    get(RemindersService),
    get(WebhookDelivery),
    get(HearingRemindersService),
    metrics ?? get(Metrics),
    get(UploadsService),
  );
}
