import { Injectable, Logger } from '@nestjs/common';
import { AuditCheckpoints, Metrics } from '@app/core';
import { HearingRemindersService } from '@app/hearings';
import { NoticeDelivery, RemindersService, WebhookDelivery } from '@app/notices';
import { JOB_SCHEMA, SWEEP_QUEUE } from '@app/migrations';
import { ElectionClosingService } from '@app/panels';
import { ProcedureSweeper, UploadsService } from '@app/registry';
import PgBoss from 'pg-boss';

export { SWEEP_QUEUE };

export interface JobsOptions {
  databaseUrl: string;
  /** How often a worker polls its queue; seconds (2, or the sweep interval when shorter). */
  pollingIntervalSeconds?: number;
  /** How often a sweep is queued; seconds, 1 to 60 (`SWEEP_INTERVAL_SECONDS`; a minute by default). */
  sweepIntervalSeconds?: number;
}

/**
 * Timed work, queued in PostgreSQL with pg-boss: any number of workers can run, each job is
 * handed to one of them, and every job is idempotent, so a restart or a retry does no harm.
 */
@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);
  private boss: PgBoss | null = null;
  private ticker: NodeJS.Timeout | null = null;

  constructor(
    private readonly sweeper: ProcedureSweeper,
    private readonly elections: ElectionClosingService,
    private readonly checkpoints: AuditCheckpoints,
    private readonly mail: NoticeDelivery,
    private readonly reminders: RemindersService,
    private readonly webhooks: WebhookDelivery,
    private readonly hearingReminders: HearingRemindersService,
    private readonly metrics: Metrics,
    private readonly uploads: UploadsService,
  ) {}

  async start(options: JobsOptions): Promise<void> {
    const interval = options.sweepIntervalSeconds ?? 60;
    if (!Number.isInteger(interval) || interval < 1 || interval > 60) {
      throw new Error(`The sweep interval must be a whole number of seconds from 1 to 60 (got ${interval})`);
    }
    const boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: JOB_SCHEMA,
      application_name: 'dispute-body-worker',
      max: 4,
      // Installed and upgraded by the migrations, as the owner: the worker's role creates nothing.
      migrate: false,
    });
    boss.on('error', (error) => this.logger.error(`pg-boss: ${error.message}`));
    await boss.start();
    await boss.createQueue(SWEEP_QUEUE);
    // Every minute: elections due to close, deadlines that ran out, automatic transitions, expired
    // uploads, and the daily audit checkpoint when due. pg-boss keeps one schedule
    // per queue across all workers, so several workers do not multiply the jobs.
    await boss.schedule(SWEEP_QUEUE, '* * * * *');
    await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? Math.min(2, interval) }, () =>
      this.sweepOnce(),
    );
    this.boss = boss;
    // A first sweep at start-up, rather than waiting for the next minute.
    await this.runSoon();
    if (interval < 60) {
      // More often than the schedule's minute: each worker queues a sweep every interval, and
      // pg-boss keeps one job per interval and key (a slot of the database's clock), so several
      // workers do not multiply the sweeps either.
      this.ticker = setInterval(() => {
        boss
          .send(SWEEP_QUEUE, {}, { singletonKey: 'sweep-interval', singletonSeconds: interval })
          .catch((error: Error) => this.logger.error(`Queueing a sweep failed: ${error.message}`));
      }, interval * 1000);
    }
  }

  /**
   * One round of the timed work, at the clock's instant: what each queued sweep runs, and what the
   * training sandbox runs at each instant its clock passes (README, "Training sandbox").
   */
  async sweepOnce(): Promise<void> {
    // Timed whole, failed rounds included: dsb_sweep_duration_seconds (README, "Operations").
    const done = this.metrics.sweepDuration.startTimer();
    try {
      await this.sweepRound();
    } finally {
      done();
    }
  }

  private async sweepRound(): Promise<void> {
    // Elections past their closing time first: composing a panel opens its deadlines.
    const closed = await this.elections.closeDue();
    if (closed) this.logger.log(`Closed ${closed} elections`);
    const result = await this.sweeper.sweep();
    if (result.disputes)
      this.logger.log(`Swept ${result.disputes} disputes: ${result.expired} limits ran out, ${result.automatic} automatic steps`);
    // Reminders of the limits (after the sweep: a limit it closed is not reminded), then the mails
    // of every notice due, these reminders included (README, "Notices by e-mail").
    const reminded = await this.reminders.remindDue();
    if (reminded.reminders || reminded.overdue)
      this.logger.log(`Reminders: ${reminded.reminders} of limits, ${reminded.overdue} overdue steps`);
    // And of the hearings ahead, to everyone who takes part (README, "Notices by e-mail").
    const hearings = await this.hearingReminders.remindDue();
    if (hearings) this.logger.log(`Reminders: ${hearings} of hearings`);
    const mailed = await this.mail.deliverDue();
    if (mailed.sent || mailed.failed || mailed.deferred) {
      this.logger.log(`Mail: ${mailed.sent} notices served, ${mailed.failed} failed, ${mailed.deferred} to try again`);
    }
    // The webhook deliveries due, first attempts and retries (README, "Webhooks").
    const webhooks = await this.webhooks.deliverDue();
    if (webhooks) this.logger.log(`Delivered ${webhooks} webhook events`);
    // The audit trail's daily anchor (README, "The audit trail: threat model"), once a day
    // however many workers run; its line in the log is one more copy outside the database.
    const checkpoint = await this.checkpoints.makeDailyIfDue();
    if (checkpoint) {
      const { id, seq, hash, madeAt, keyId, signature } = checkpoint;
      this.logger.log(`Audit checkpoint ${JSON.stringify({ id, seq, hash, madeAt, reason: 'DAILY', meetingId: null, keyId, signature })}`);
    }
    // Uploads no filing took within UPLOAD_TTL_HOURS, with their bytes: every batch due, so that
    // nothing waits for the next upload (there may be none for long) to be purged. Last: an object
    // store down fails this step alone, the rest of the round done (the round is retried whole).
    const purged = await this.uploads.purgeAllExpired();
    if (purged) this.logger.log(`Purged ${purged} expired uploads`);
  }

  /** Queues a sweep now; it runs on whichever worker takes it. */
  async runSoon(): Promise<string | null> {
    if (!this.boss) throw new Error('The job queue is not started');
    return this.boss.send(SWEEP_QUEUE, {});
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.boss = null;
  }
}
