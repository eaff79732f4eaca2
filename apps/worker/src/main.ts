import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Metrics, PinoLoggerService, createLogger, embeddedApplicationUrl, loadConfigOrExit, resolveJwtSecret } from '@app/core';
import { JobsService } from './jobs.service';
import { startMetricsServer } from './metrics-server';
import { WorkerModule } from './worker.module';

const logger = new Logger('Worker');

/**
 * The worker: alone (`npm run start:worker`) or beside the API (`npm start` starts one). Without
 * DATABASE_URL it joins the embedded database that `npm start` runs.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // JSON lines, as the API's (README, "Operations"); every line says it is the worker's.
  const log = new PinoLoggerService(createLogger({ level: config.LOG_LEVEL, process: 'worker' }));
  Logger.overrideLogger(log);
  const databaseUrl = config.DATABASE_URL ?? embeddedApplicationUrl(config.DATA_DIR, config.EMBEDDED_PG_PORT, 'dispute_body');
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, databaseUrl, jwtSecret: resolveJwtSecret(config) }),
    { logger: log },
  );
  const jobs = app.get(JobsService);
  await jobs.start({ databaseUrl, sweepIntervalSeconds: config.SWEEP_INTERVAL_SECONDS });
  const every = config.SWEEP_INTERVAL_SECONDS === 60 ? 'minute' : `${config.SWEEP_INTERVAL_SECONDS} seconds`;
  logger.log(`Worker started: deadline sweeps every ${every}, an audit checkpoint at least daily`);
  const metricsServer =
    config.WORKER_METRICS_PORT === undefined ? null : await startMetricsServer(app.get(Metrics), config, config.WORKER_METRICS_PORT);
  if (metricsServer) logger.log(`Worker metrics at http://${config.HOST ?? '127.0.0.1'}:${config.WORKER_METRICS_PORT}/metrics`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, stopping`);
    await jobs.stop();
    metricsServer?.close();
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
