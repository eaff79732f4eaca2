import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';
import { currentRequestId } from './request-scope';

/** LOG_LEVEL (Nest's names) as pino's: Nest's `log` is pino's `info`, `verbose` its `trace`. */
const PINO_LEVELS: Record<LogLevel, Level | 'silent'> = {
  silent: 'silent',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Header values no log line may carry: a bearer token or a session cookie in a log would let
 * whoever reads the logs act as the user. The request serializer (http-observability.ts) never
 * writes bodies or query strings; these paths are the second lock on the headers.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

export interface LoggerOptions {
  level: LogLevel;
  /** Where the JSON lines go: standard output by default; a test passes a stream to read them. */
  destination?: DestinationStream;
  /** Names the process in every line (`api`, `worker`). */
  process?: string;
}

/**
 * The process's logger: one JSON object per line, with the id of the request being served
 * (`requestId`) in every line written while serving it, however deep in the services.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: PINO_LEVELS[options.level],
      base: { pid: process.pid, ...(options.process ? { process: options.process } : {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

/**
 * Nest's logger over pino, so that Nest's own lines and every `new Logger(context)` in the code
 * come out as the same JSON lines. Nest passes the context (the logger's name) last, and for
 * `error` a stack before it.
 */
export class PinoLoggerService implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    const stack = rest.find((item): item is string => typeof item === 'string');
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
