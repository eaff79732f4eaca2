import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
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
  reenterRequestScope,
  registerMetricsRoute,
  requestIdOf,
  requestObservability,
} from '@app/core';
import { MailView, mountMailCatcher } from '@app/notices';
import { AppModule, AppModuleOptions } from './app.module';
import { mountExplorer } from './explorer';
import { publicAnswerCapture, publicCacheHook, readReplicaScope } from './graphql/public-cache/public-cache.hooks';
import { requestLimitsHook } from './graphql/request-limits.hook';
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
  // A filing carries its file base64-encoded (4/3 of its size) inside the JSON body.
  const bodyLimit = Math.ceil((options.config.MAX_DOCUMENT_BYTES * 4) / 3) + 64 * 1024;
  // X-Forwarded-For is believed only from the configured proxies (none by default): from anyone
  // else, a client could pick the address its sign-ins and expensive queries are counted against.
  const proxies = options.config.TRUSTED_PROXIES;
  const adapter = new FastifyAdapter({
    bodyLimit,
    trustProxy: proxies.length > 0 ? proxies : false,
    // As Express did: /Disputes/DS-1/ is /disputes/DS-1; a cursor or an id in the path may be long.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 500 },
    // The request's id: the caller's X-Request-Id when sane, else a new one (requestObservability).
    genReqId: requestIdOf,
    // The access lines are the application's own (requestObservability), in its JSON log.
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: options.logger === false ? false : new PinoLoggerService(log),
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  // First of all, before the body is read: a request's id, access line, count and duration cover
  // the whole of it, a 25 MB filing's parsing included. Then, once the body is read, its scope again.
  const metrics = app.get(Metrics);
  fastify.addHook('onRequest', requestObservability(log, metrics));
  fastify.addHook('preHandler', reenterRequestScope());
  acceptRawBodies(fastify);
  registerMetricsRoute(fastify, metrics, { token: options.config.METRICS_TOKEN, allowLocal: options.config.METRICS_ALLOW_LOCAL });
  addDatabaseGauges(app);
  graphqlRouteHooks(fastify, app.get(ReadReplicas), app.get(PublicCache));
  app.useGlobalPipes(new DomainValidationPipe());
  if (!options.config.isProduction) mountExplorer(app);
  if (options.mailCatcher && !options.config.isProduction) mountMailCatcher(app, options.mailCatcher);
  await app.init();
  // Fastify takes its routes and hooks once ready: the tests serve requests without listening.
  await fastify.ready();
  return app;
}

/**
 * The hooks of the GraphQL route, which Apollo's driver registers during `init`: the bounds of a
 * request's query and variables checked before anything parses or validates the query; an
 * anonymous request's scope in which its reads may go to a read replica (README, "Running on
 * several machines"), the route chosen once its operation is known to be a query; then anonymous
 * queries answered from the cache of public answers, and their answers kept on the way out
 * (README, "Public reads from a cache").
 */
function graphqlRouteHooks(fastify: FastifyInstance, replicas: ReadReplicas, cache: PublicCache): void {
  const preHandlers = [requestLimitsHook(), readReplicaScope(replicas), publicCacheHook(cache)];
  const capture = publicAnswerCapture(cache);
  fastify.addHook('onRoute', (route) => {
    if (route.url !== '/graphql') return;
    route.preHandler = [...toList(route.preHandler), ...preHandlers];
    route.onSend = [...toList(route.onSend), capture];
  });
}

function toList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Any body but JSON is left unread for its route: an upload (POST /uploads) streams the request
 * itself into the document storage. Fastify's own parser of text/plain would read a text file
 * whole (and as a string); it goes, so a text upload arrives byte for byte like any other.
 */
function acceptRawBodies(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', (_req, _payload, done) => done(null));
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
