import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
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
 * The path of a request's URL as sent, not decoded: up to the first `?` or `#`, where Fastify's
 * router cuts it (what Express gave as `req.path`).
 */
export function urlPath(url: string | undefined): string {
  const path = url ?? '';
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}

/** The request's id: the caller's `X-Request-Id` when sane, else a new one (Fastify's `genReqId`). */
export function requestIdOf(req: IncomingMessage): string {
  return acceptRequestId(req.headers[REQUEST_ID_HEADER]);
}

/**
 * What every HTTP request goes through first (an `onRequest` hook, before its body is read): its
 * id returned in the `X-Request-Id` header; an access line when it ends, aborted or not; its count
 * and duration in the metrics; and the scope that puts the id in every log line written while
 * serving it.
 */
export function requestObservability(logger: Logger, metrics: Metrics | null) {
  return (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const requestId = String(req.id);
    const started = process.hrtime.bigint();
    const path = urlPath(req.url);
    const res = reply.raw;
    res.setHeader('X-Request-Id', requestId);
    if (metrics) {
      res.once('finish', () => {
        const group = routeGroup(path);
        metrics.httpRequests.inc({ group, method: methodLabel(req.method), status: String(res.statusCode) });
        metrics.httpDuration.observe({ group }, Number(process.hrtime.bigint() - started) / 1e9);
      });
    }
    if (!UNLOGGED_PATHS.test(path)) {
      // 'close' comes after 'finish', and alone when the client went away first: every request
      // gets its line, a request cut short too (at error level, as a 5xx).
      res.once('close', () => {
        const level = !res.writableFinished || res.statusCode >= 500 ? 'error' : 'info';
        // Built only when written: under LOG_LEVEL=error a served request costs no line.
        if (!logger.isLevelEnabled(level)) return;
        const line = {
          req: {
            id: requestId,
            method: req.method,
            path,
            headers: Object.fromEntries(
              LOGGED_HEADERS.filter((name) => req.headers[name] !== undefined).map((name) => [name, req.headers[name]]),
            ),
            remoteAddress: req.raw.socket?.remoteAddress,
          },
          res: { statusCode: res.statusCode },
          responseTime: Number(process.hrtime.bigint() - started) / 1e6,
        };
        const message = `${req.method} ${path} ${res.statusCode}`;
        runInRequestScope({ requestId }, () => logger[level](line, message));
      });
    }
    runInRequestScope({ requestId }, done);
  };
}

/**
 * Enters the request's scope again (a `preHandler` hook). Fastify reads a body from the request
 * stream's events, outside the scope the first hook opened; this gives the handlers (GraphQL,
 * controllers) their request's id back.
 */
export function reenterRequestScope() {
  return (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    runInRequestScope({ requestId: String(req.id) }, done);
  };
}

/**
 * `GET /metrics`, for Prometheus: served only to a request bearing METRICS_TOKEN, or with
 * METRICS_ALLOW_LOCAL to one from this machine that no proxy forwarded. To anyone else the path
 * does not exist (404, the answer of any unknown path): it tells an outsider how busy the registry
 * is and what fails.
 */
export function registerMetricsRoute(fastify: FastifyInstance, metrics: Metrics, access: { token?: string; allowLocal: boolean }): void {
  fastify.get('/metrics', async (req, reply) => {
    if (!metricsAllowed(req.raw, access)) return reply.callNotFound();
    const { contentType, body } = await metrics.text();
    return reply.code(200).header('Content-Type', contentType).header('Cache-Control', 'no-store').send(body);
  });
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

// A method label from a fixed list: a client may send any token as its method.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}
