import PgBoss from 'pg-boss';

/** The schema of the job queue (pg-boss) and its queues. */
export const JOB_SCHEMA = 'pgboss';
export const SWEEP_QUEUE = 'procedure-sweep';
export const JOB_QUEUES = [SWEEP_QUEUE];

/**
 * Installs or upgrades the job queue's schema and creates its queues, as the owner, with the
 * migrations: a queue is a table of its own (a partition), and the application's role creates
 * nothing. The workers then start pg-boss without its own migrations (`migrate: false`).
 */
export async function installJobQueue(url: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: url,
    schema: JOB_SCHEMA,
    application_name: 'dispute-body-migrations',
    max: 1,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  let failure: Error | null = null;
  boss.on('error', (error: Error) => (failure ??= error));
  await boss.start();
  try {
    for (const queue of JOB_QUEUES) await boss.createQueue(queue);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  if (failure) throw failure;
}
