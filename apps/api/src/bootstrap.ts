import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { DestinationStream, Logger } from 'pino';
import {
  AppConfig,
  DomainValidationPipe,
  Metrics,
  PinoLoggerService,
  PublicCache,
  ReadReplicas,
  createLogger,
  listenHost,
  metricsEndpoint,
  reenterRequestScope,
  requestObservability,
} from '@app/core';
import { MailView, mountMailCatcher } from '@app/notices';
import { AppModule, AppModuleOptions } from './app.module';
import { mountExplorer } from './explorer';
import { publicCacheMiddleware, readReplicaScope } from './graphql/public-cache/public-cache.middleware';
import { requestLimitsMiddleware } from './graphql/request-limits.middleware';
import { addDatabaseGauges } from './operations';

/** Builds the API application; `main.ts` and the e2e tests share it, so tests run the real thing. */
export async function createApiApp(
  options: AppModuleOptions & {
    logger?: false;
    /** The local mail catcher `npm start` runs without SMTP_URL: its pages at /dev/mail. */ mailCatcher?: MailView;
    /** Where the JSON log lines go (standard output by default): a test reads them from here. */
    logDestination?: DestinationStream;
    /** The process's logger, when its entry point made one already (main.ts logs before the app exists). */
    log?: Logger;
  },
): Promise<INestApplication> {
  // JSON lines with the request's id (README, "Operations"); `logger: false` (the crash test) writes none.
  const log =
    options.log ??
    createLogger({
      level: options.logger === false ? 'silent' : options.config.LOG_LEVEL,
      destination: options.logDestination,
      process: 'api',
    });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: options.logger === false ? false : new PinoLoggerService(log),
    bodyParser: true,
  });
  // First of all, before the body parsers: a request's id, access line, count and duration
  // cover the whole of it, a 25 MB filing's parsing included.
  const metrics = app.get(Metrics);
  app.use(requestObservability(log, metrics));
  // X-Forwarded-For is believed only from the configured proxies (none by default): from anyone
  // else, a client could pick the address its sign-ins and expensive queries are counted against.
  const proxies = options.config.TRUSTED_PROXIES;
  app.set('trust proxy', proxies.length > 0 ? proxies : false);
  app.disable('x-powered-by');
  // Express hashes every response body for an ETag; the API answers POSTs that no cache keeps
  // (and every answer depends on who asks), so the hash was pure cost on each request.
  app.set('etag', false);
  // A filing carries its file base64-encoded (4/3 of its size) inside the JSON body.
  const bodyLimit = Math.ceil((options.config.MAX_DOCUMENT_BYTES * 4) / 3) + 64 * 1024;
  app.useBodyParser('json', { limit: bodyLimit });
  app.use(reenterRequestScope());
  app.use('/metrics', metricsEndpoint(metrics, { token: options.config.METRICS_TOKEN, allowLocal: options.config.METRICS_ALLOW_LOCAL }));
  addDatabaseGauges(app);
  // Before Apollo (which GraphQLModule mounts during init): the bounds of a request's query and
  // variables are checked before anything parses or validates the query.
  app.use('/graphql', requestLimitsMiddleware());
  // An anonymous request's reads may go to a read replica (README, "Running on several machines"):
  // its scope is opened here, and the route chosen once its operation is known to be a query.
  app.use('/graphql', readReplicaScope(app.get(ReadReplicas)));
  // Then anonymous queries answered from the cache of public answers (README, "Public reads from a cache").
  app.use('/graphql', publicCacheMiddleware(app.get(PublicCache)));
  app.useGlobalPipes(new DomainValidationPipe());
  if (!options.config.isProduction) mountExplorer(app);
  if (options.mailCatcher && !options.config.isProduction) mountMailCatcher(app, options.mailCatcher);
  await app.init();
  return app;
}

/**
 * Starts listening on PORT at HOST (see listenHost: 127.0.0.1 unless HOST says otherwise outside
 * production, HOST required in production); `main.ts` calls it, and the e2e tests check where it
 * listens. Resolves with the address actually bound (PORT=0 picks a free port).
 */
export async function listenApi(app: INestApplication, config: AppConfig): Promise<AddressInfo> {
  const host = listenHost(config);
  await app.listen(config.PORT, host);
  return app.getHttpServer().address() as AddressInfo;
}
