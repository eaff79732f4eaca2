import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while serving one HTTP request carries. */
export interface RequestScope {
  requestId: string;
}

const scopes = new AsyncLocalStorage<RequestScope>();

export const REQUEST_ID_HEADER = 'x-request-id';

// A proxy's or a client's id is kept when it is a plain token: no spaces, quotes or control
// characters that could forge a log line or a header, and short enough not to bloat every line.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The incoming `X-Request-Id` when it is a sane token of at most 128 characters, else a fresh UUID. */
export function acceptRequestId(incoming: unknown): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return typeof value === 'string' && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Runs `work` inside the request's scope: whatever it starts, awaited or not, logs with its id. */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The id of the request being served, if any (none in the worker's jobs or at start-up). */
export function currentRequestId(): string | undefined {
  return scopes.getStore()?.requestId;
}
