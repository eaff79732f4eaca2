import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics, ReadReplicas } from '@app/core';
import { JOB_QUEUES, JOB_SCHEMA } from '@app/migrations';

/**
 * The gauges read from the database when /metrics is scraped (README, "Operations"): the job
 * queue's depth and the notices waiting for their mail. They are the deployment's, not the
 * process's, so the API serves them and the worker does not repeat them; with several API
 * processes (WEB_CONCURRENCY) the primary takes one process's reading, not their sum.
 */
export function addDatabaseGauges(app: INestApplication): void {
  const metrics = app.get(Metrics);
  // Where anonymous queries read, with read replicas (README, "Running on several machines").
  app.get(ReadReplicas).observe((event) => {
    if (event === 'down') metrics.readReplicaFailures.inc();
    else metrics.readReplicaRoutes.inc({ route: event });
  });
  const db = app.get(DataSource);
  metrics.addGauge(
    'job_queue_depth',
    'Jobs of the queue (pg-boss) not yet done: waiting (created, retry) or running (active)',
    ['queue', 'state'],
    async () => {
      const rows: { name: string; state: string; count: string }[] = await db.query(
        `SELECT name, state, count(*) AS count FROM ${JOB_SCHEMA}.job
        WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
      );
      // Every known queue and state is present, at zero when empty, so a dashboard's series do not vanish.
      const samples = JOB_QUEUES.flatMap((queue) =>
        ['created', 'retry', 'active'].map((state) => ({ labels: { queue, state }, value: 0 })),
      );
      for (const row of rows) {
        const sample = samples.find((s) => s.labels.queue === row.name && s.labels.state === row.state);
        if (sample) sample.value = Number(row.count);
      }
      return samples;
    },
    'first',
  );
  metrics.addGauge(
    'notices_pending',
    'Notices to be mailed that the mail server has not yet accepted (sent) nor finally refused (failed)',
    [],
    async () => {
      // The partial index ix_notices_pending covers exactly these rows.
      const rows: { count: string }[] = await db.query(
        `SELECT count(*) AS count FROM notices WHERE sent_at IS NULL AND failed_at IS NULL AND email`,
      );
      return [{ value: Number(rows[0].count) }];
    },
    'first',
  );
}
