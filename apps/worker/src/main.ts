import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { embeddedApplicationUrl, loadConfigOrExit, resolveJwtSecret } from '@app/core';
import { JobsService } from './jobs.service';
import { WorkerModule } from './worker.module';

const logger = new Logger('Worker');

/**
 * The worker: alone (`npm run start:worker`) or beside the API (`npm start` starts one). Without
 * DATABASE_URL it joins the embedded database that `npm start` runs.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const databaseUrl = config.DATABASE_URL ?? embeddedApplicationUrl(config.DATA_DIR, config.EMBEDDED_PG_PORT, 'dispute_body');
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, databaseUrl, jwtSecret: resolveJwtSecret(config) }),
    { logger: ['fatal', 'error', 'warn', 'log'] },
  );
  const jobs = app.get(JobsService);
  await jobs.start({ databaseUrl, sweepIntervalSeconds: config.SWEEP_INTERVAL_SECONDS });
  const every = config.SWEEP_INTERVAL_SECONDS === 60 ? 'minute' : `${config.SWEEP_INTERVAL_SECONDS} seconds`;
  logger.log(`Worker started: deadline sweeps every ${every}, an audit checkpoint at least daily`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, stopping`);
    await jobs.stop();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  logger.error((error as Error).stack ?? String(error));
  process.exit(1);
});
