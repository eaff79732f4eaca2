import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCategory } from './domain-error';
import type { ClientErrorCode } from './format-error';

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
};

/**
 * The HTTP routes (downloads, probes) answer errors the way GraphQL does: the category as
 * `code`, the stable `domainCode`, a message, nothing internal. GraphQL errors are left to the
 * GraphQL formatter.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') return exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      res.status(STATUS[exception.category]).json({
        error: { code: exception.category, domainCode: exception.code, message: exception.message, ...exception.details },
      });
    } else if (isClientHttpError(exception)) {
      // body-parser and friends: a body too large (413), malformed JSON (400), …
      const code: ClientErrorCode = exception.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      res.status(exception.status).json({ error: { code, message: exception.message } });
    } else if (exception instanceof HttpException) {
      res.status(exception.getStatus()).json({ error: { code: 'BAD_REQUEST' satisfies ClientErrorCode, message: exception.message } });
    } else {
      this.logger.error((exception as Error)?.stack ?? String(exception));
      res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR' satisfies ClientErrorCode, message: 'Internal server error' } });
    }
  }
}

function isClientHttpError(error: unknown): error is { status: number; message: string } {
  const candidate = error as { status?: unknown; expose?: unknown };
  return typeof candidate?.status === 'number' && candidate.status >= 400 && candidate.status < 500 && candidate.expose === true;
}
