import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DomainValidationPipe } from '@app/core';
import { AppModule, AppModuleOptions } from './app.module';
import { mountExplorer } from './explorer';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the API application; `main.ts` and the e2e tests share it, so tests run the real thing. */
export async function createApiApp(options: AppModuleOptions & { logger?: false }): Promise<INestApplication> {
  const level = options.config.LOG_LEVEL;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: options.logger === false ? false : LEVELS.slice(0, LEVELS.indexOf(level) + 1),
    bodyParser: true,
  });
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
  app.useGlobalPipes(new DomainValidationPipe());
  if (!options.config.isProduction) mountExplorer(app);
  await app.init();
  return app;
}
