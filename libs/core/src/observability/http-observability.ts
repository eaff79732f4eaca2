import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Metrics } from './metrics';
import { routeGroup } from './metrics';
import { REQUEST_ID_HEADER, acceptRequestId, runInRequestScope } from './request-scope';

// The headers an access line shows. Bodies, query strings and every other header stay out: a
// query string may carry a token or a search, a body a password or a document. Authorization and
// cookie are listed so that a line says a request was signed in; the logger writes them as
// "[redacted]" (REDACTED_PATHS in logger.ts).
const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'accept-language', 'x-forwarded-for', 'authorization', 'cookie'];

// Probes and scrapes, every few seconds from the orchestrator and Prometheus: counted, not logged.
const UNLOGGED_PATHS = /^\/(health\/|metrics$)/;

/**
 * What every HTTP request goes through first: its id (the caller's `X-Request-Id` when sane, else
 * a new one), returned in the `X-Request-Id` header; an access line when it ends; its count and
 * duration in the metrics; and the scope that puts the id in every log line written while serving it.
 */
export function requestObservability(logger: Logger, metrics: Metrics | null): RequestHandler[] {
  const access = pinoHttp({
    logger,
    genReqId: (req) => acceptRequestId(req.headers[REQUEST_ID_HEADER]),
    autoLogging: { ignore: (req) => UNLOGGED_PATHS.test(pathOf(req)) },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    // The scope's mixin adds requestId to each line; pino-http's own copy of the id (req.id) is enough.
    quietReqLogger: true,
    serializers: {
      req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown>; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
        headers: Object.fromEntries(
          LOGGED_HEADERS.filter((name) => req.headers[name] !== undefined).map((name) => [name, req.headers[name]]),
        ),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  const scope: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const requestId = String(req.id);
    res.setHeader('X-Request-Id', requestId);
    if (metrics) {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const group = routeGroup(req.originalUrl);
        metrics.httpRequests.inc({ group, method: methodLabel(req.method), status: String(res.statusCode) });
        metrics.httpDuration.observe({ group }, Number(process.hrtime.bigint() - started) / 1e9);
      });
    }
    runInRequestScope({ requestId }, next);
  };
  return [access, scope];
}

/**
 * Enters the request's scope again. A body parser resumes the middleware chain from the request
 * stream's events, outside the scope the first middleware opened; mounted after the parsers, this
 * gives the handlers (GraphQL, controllers) their request's id back.
 */
export function reenterRequestScope(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.id === undefined) return next();
    runInRequestScope({ requestId: String(req.id) }, next);
  };
}

/**
 * `GET /metrics`, for Prometheus: served only to a request bearing METRICS_TOKEN, or with
 * METRICS_ALLOW_LOCAL to one from this machine that no proxy forwarded. To anyone else the path
 * does not exist (404): it tells an outsider how busy the registry is and what fails.
 */
export function metricsEndpoint(metrics: Metrics, access: { token?: string; allowLocal: boolean }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || !metricsAllowed(req, access)) return next();
    metrics
      .text()
      .then(({ contentType, body }) => {
        res.setHeader('Content-Type', contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.status(200).send(body);
      })
      .catch(next);
  };
}

export function metricsAllowed(req: IncomingMessage, access: { token?: string; allowLocal: boolean }): boolean {
  if (access.token) {
    const header = req.headers.authorization;
    const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : null;
    if (given !== null && sameSecret(given, access.token)) return true;
  }
  if (access.allowLocal) {
    const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    const address = req.socket.remoteAddress ?? '';
    if (!forwarded && (address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1')) return true;
  }
  return false;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// Express rewrites req.url inside a mounted middleware; originalUrl keeps what the client asked.
function pathOf(req: IncomingMessage & { originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

// A method label from a fixed list: a client may send any token as its method.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}
