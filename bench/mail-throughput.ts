// npm run bench:mail: how many notices one delivery loop (NoticeDelivery.deliverDue, as the
// worker's sweep runs it) serves a second to a local SMTP server. It starts its own PostgreSQL
// in a temporary folder (or uses DATABASE_URL's server), migrates a database of its own, queues
// NOTICES notices for USERS users, starts an smtp-server on 127.0.0.1 that accepts everything
// (in this process: it shares the CPU with the delivery, as the mail catcher of `npm start` does),
// and times the loop until every notice is recorded as served.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { productionSecrets } from './lib/production-env';

const NOTICES = Number(process.env.BENCH_NOTICES ?? 2000);
const USERS = 50;
const RUNS = 3;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const { NestFactory } = await import('@nestjs/core');
  const { loadConfig } = await import('@app/core');
  const { runMigrations } = await import('@app/migrations');
  const { NoticeDelivery } = await import('@app/notices');
  const { WorkerModule } = await import('../apps/worker/src/worker.module');
  const { startBenchServer } = await import('./lib/database');
  const { SMTPServer } = await import('smtp-server');
  const { DataSource } = await import('typeorm');

  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const smtpPort = ((smtp as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;

  const server = await startBenchServer();
  try {
    const databaseUrl = await server.createDatabase('dsb_mail_throughput');
    await runMigrations(databaseUrl);
    const jwtSecret = randomBytes(48).toString('base64url');
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      JWT_SECRET: jwtSecret,
      ...productionSecrets(),
      DATABASE_URL: databaseUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'Bench <registry@bench.test>',
    });
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, databaseUrl, jwtSecret }), { logger: false });
    try {
      const db = app.get(DataSource);
      const delivery = app.get(NoticeDelivery);
      const userIds: string[] = [];
      for (let i = 0; i < USERS; i += 1) {
        const [row] = await db.query(
          `INSERT INTO users (email, display_name, password_hash, role, active, version, created_at) VALUES ($1, $2, 'x', 'PANELIST', true, 1, now()) RETURNING id`,
          [`user${i}@bench.test`, `User ${i}`],
        );
        userIds.push(row.id);
      }
      log(
        `PostgreSQL ${server.version}${server.embedded ? ' (embedded, temporary folder)' : ''}; ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}); ${NOTICES} notices to ${USERS} users a run, ${RUNS} runs`,
      );
      const rates: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        await db.query(
          `INSERT INTO notices (recipient_user_id, category, kind, mandatory, payload, created_at, next_attempt_at)
           SELECT ($1::uuid[])[1 + i % $3], 'FILING', 'fileDocument', true,
                  jsonb_build_object('subject', 'Filed: submission ' || i, 'docketNumber', 'DS1',
                    'lines', jsonb_build_array('A party filed a submission on {filedAt}.', 'Paragraph ' || i),
                    'dates', jsonb_build_object('filedAt', '2026-03-02T09:00:00Z'),
                    'documents', jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'title', 'Submission', 'classification', 'RESTRICTED'))),
                  now() - interval '1 minute', now() - interval '1 minute'
             FROM generate_series(1, $2) AS i`,
          [userIds, NOTICES, USERS],
        );
        const before = received;
        const started = process.hrtime.bigint();
        let sent = 0;
        while (sent < NOTICES) {
          const report = await delivery.deliverDue({ maxRounds: 1_000_000 });
          if (!report.sent) throw new Error(`Stalled at ${sent} notices: ${JSON.stringify(report)}`);
          sent += report.sent;
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const rate = NOTICES / seconds;
        rates.push(rate);
        log(
          `run ${run + 1}: ${NOTICES} notices served in ${seconds.toFixed(2)} s: ${rate.toFixed(0)} notices/s (${received - before} mails received)`,
        );
      }
      const sorted = [...rates].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      log(`median: ${median.toFixed(0)} notices/s by one delivery loop`);
      // For `npm run bench`, which runs this script as a child and reads its figures from this line.
      if (process.env.BENCH_RESULT_LINE) {
        log(`BENCH_RESULT ${JSON.stringify({ notices: NOTICES, users: USERS, runs: rates, median, postgres: server.version })}`);
      }
    } finally {
      await app.close();
    }
  } finally {
    await server.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
