import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { languageTag, type Language } from '@app/i18n';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import { negotiateRequestLanguage } from '../graphql/request-language';
import { DomainError, ErrorCategory } from './domain-error';
import type { ClientErrorCode } from './format-error';
import { localizeError } from './localize-error';

const STATUS: Record<ErrorCategory, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  INVALID_TRANSITION: 422,
  NOT_YET_ALLOWED: 422,
  DEADLINE_PASSED: 422,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  // The server is too busy for the request now (not the client's fault): try again after Retry-After.
  UNAVAILABLE: 503,
};

/** An error's JSON body: `code` (and `domainCode`) stable, the message for the reader, the details. */
export interface HttpErrorBody {
  code: string;
  domainCode?: string;
  message: string;
  [detail: string]: unknown;
}

/**
 * The HTTP routes (downloads, feeds, probes) answer errors the way GraphQL does: the category as
 * `code`, the stable `domainCode`, a message, nothing internal. The message is in the request's
 * language (`?lang=`, the signed-in user's preference, `Accept-Language`), from the same errors
 * catalogue as GraphQL's (localizeError: the English message kept as `detail` when it says more);
 * `code` and `domainCode` never change. GraphQL errors are left to the GraphQL formatter.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') return exception;
    const http = host.switchToHttp();
    const res = http.getResponse<FastifyReply>();
    // A download already streaming (a hijacked reply) can only be cut: its status is on the wire.
    if (res.sent || res.raw.headersSent) {
      res.raw.destroy();
      return;
    }
    const req = http.getRequest<FastifyRequest>();
    const language = languageOf(req);
    closeIfBodyUnread(req, res);
    if (exception instanceof DomainError) {
      const retryAfter = exception.details.retryAfterSeconds;
      if (typeof retryAfter === 'number') res.header('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
      send(res, STATUS[exception.category], domainErrorBody(exception), language);
    } else if (exception instanceof HttpException) {
      // Nest's own (an unknown path: 404) and Fastify's refusals of a body, which Nest hands on as
      // HttpExceptions: too large (413), malformed JSON or an unsupported media type (400, 415).
      const status = exception.getStatus();
      const code: ClientErrorCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      send(res, status, { code, message: exception.message }, language);
    } else if (isClientHttpError(exception)) {
      // A Fastify error with a 4xx status that reached the filter as itself.
      const code: ClientErrorCode = exception.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      send(res, exception.statusCode, { code, message: exception.message }, language);
    } else {
      this.logger.error((exception as Error)?.stack ?? String(exception));
      send(res, 500, { code: 'INTERNAL_SERVER_ERROR' satisfies ClientErrorCode, message: 'Internal server error' }, language);
    }
  }
}

/** The request's language; a request that cannot be read (no headers) is answered in English. */
function languageOf(req: FastifyRequest | undefined): Language {
  if (!req?.headers) return 'en';
  const candidate = (req as { user?: unknown }).user;
  const user = candidate && typeof candidate === 'object' ? (candidate as Actor) : null;
  return negotiateRequestLanguage({ query: req.query, headers: req.headers, user }).language;
}

/** A domain error as an HTTP route answers it: its category as `code`, its stable code, its message and details. */
export function domainErrorBody(error: DomainError): HttpErrorBody {
  return { code: error.category, domainCode: error.code, message: error.message, ...error.details };
}

/** An error's body for a reader of `language`: the message from the errors catalogue (localizeError), the codes unchanged. */
export function localizedErrorBody(error: HttpErrorBody, language: Language): HttpErrorBody {
  const { message, ...extensions } = error;
  const localized = localizeError({ message, extensions }, language);
  return { ...extensions, ...localized.extensions, message: localized.message };
}

function send(res: FastifyReply, status: number, error: HttpErrorBody, language: Language): void {
  res
    .code(status)
    .header('Content-Language', languageTag(language))
    .header('Vary', 'Accept-Language')
    .header('Content-Type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ error: localizedErrorBody(error, language) }));
}

/**
 * An error answered before the request's body has arrived (an upload refused or failed half-way)
 * closes the connection after the answer. Left open, node would read the rest of the body to
 * reuse the connection, up to DOCUMENT_MAX_BYTES of a file nobody wants; and no later request can
 * be read from it before that rest anyway.
 */
function closeIfBodyUnread(req: FastifyRequest | undefined, res: FastifyReply): void {
  const raw = req?.raw;
  if (raw && typeof raw.complete === 'boolean' && !raw.complete) res.header('Connection', 'close');
}

/** An error Fastify raised with a client status (its `FST_ERR_*` codes): safe to show. */
function isClientHttpError(error: unknown): error is { statusCode: number; message: string } {
  const candidate = error as { statusCode?: unknown; code?: unknown };
  return (
    typeof candidate?.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 500 &&
    typeof candidate.code === 'string' &&
    candidate.code.startsWith('FST_')
  );
}
