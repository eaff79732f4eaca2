// The API on Fastify, for the measurement of bench/platform-spike.ts only (issue 16, item 1): the
// same AppModule (every module, guard, pipe, Apollo plugin and the schema) as createApiApp builds
// on Express, on @nestjs/platform-fastify with Apollo's Fastify integration (@as-integrations/fastify,
// which @nestjs/apollo picks by the adapter's name). What differs, and why:
// - the connect-style middleware runs through @fastify/middie, in Fastify's onRequest hook, before
//   the body is parsed: the request's id, access log and metrics (requestObservability) and the
//   request scope are the same functions; the bounds of a request's query and variables
//   (checkRequestLimits), which need the parsed body, run in a preHandler hook instead, with the
//   same answer;
// - the cache of public answers is left out: it answers anonymous requests only, and the request
//   measured is signed in (on Express it costs such a request one header test);
// - the site's pages, downloads and feeds are registered as on Express, but their controllers use
//   Express's response (`res.status().json()`, `res.setHeader`): they are not exercised here.
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ClientErrorExtensions,
  DomainValidationPipe,
  Metrics,
  QueryLimitError,
  checkRequestLimits,
  createLogger,
  localizeError,
  negotiateRequestLanguage,
  reenterRequestScope,
  requestObservability,
} from '@app/core';
import { languageTag } from '@app/i18n';
import { AppModule, AppModuleOptions } from '../../apps/api/src/app.module';

export async function createFastifyApiApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const log = createLogger({ level: 'silent', process: 'api' });
  const bodyLimit = Math.ceil((options.config.MAX_DOCUMENT_BYTES * 4) / 3) + 64 * 1024;
  const proxies = options.config.TRUSTED_PROXIES;
  const adapter = new FastifyAdapter({ bodyLimit, trustProxy: proxies.length > 0 ? proxies : false });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, { logger: false });
  app.use(requestObservability(log, app.get(Metrics)));
  app.use(reenterRequestScope());
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST' || !request.url.startsWith('/graphql')) return;
      const source = request.body as Record<string, unknown> | undefined;
      if (!source || typeof source !== 'object' || Array.isArray(source)) return;
      const refusal = checkRequestLimits(source.query, source.variables);
      if (!refusal) return;
      const { language } = negotiateRequestLanguage({ query: request.query as Record<string, unknown>, headers: request.headers });
      reply.header('Content-Language', languageTag(language)).header('Vary', 'Accept-Language');
      return reply.status(400).send({ errors: [localizeError(toClient(refusal), language)] });
    });
  app.useGlobalPipes(new DomainValidationPipe());
  await app.init();
  return app;
}

function toClient(error: QueryLimitError): { message: string; extensions: ClientErrorExtensions } {
  return {
    message: error.message,
    extensions: { code: 'BAD_USER_INPUT', domainCode: error.limitCode, limit: error.limit, actual: error.actual, ...error.details },
  };
}
