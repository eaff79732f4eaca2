/**
 * When to try a notice again after a failure that may pass (the server down, a 4xx answer): a
 * minute, 5 minutes, 30 minutes, 2 hours, then every 12 hours. The attempt number counts the
 * attempts made so far, the failed one included (1 after the first failure).
 */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000] as const;

/**
 * Attempts answered with a temporary refusal (4xx) before a notice is given up on (`failedAt`):
 * about four days with the delays above. A server that cannot be reached at all never makes a
 * notice fail: the notices wait until it is back (README, "Notices by e-mail").
 */
export const MAX_REFUSED_ATTEMPTS = 10;

/** The delay before the next attempt, after `attempts` attempts (at least 1). */
export function backoffMs(attempts: number): number {
  const index = Math.min(Math.max(Math.floor(attempts), 1), BACKOFF_MS.length) - 1;
  return BACKOFF_MS[index];
}

/** What a failed send means for the notice. */
export interface SendFailure {
  /** `PERMANENT`: the server refused the recipient or the message (5xx): a bounce, recorded as the failure. */
  kind: 'PERMANENT' | 'REFUSED' | 'UNREACHABLE';
  reason: string;
}

// nodemailer's codes for a server that could not be reached, or that hung up.
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EAUTH', 'ETLS', 'EPROTOCOL']);

/**
 * Sorts a transport error: a 5xx answer to the recipient or to the message is permanent (the mail
 * server will never take it); a 4xx answer is a refusal for now (greylisting, a full mailbox); no
 * answer at all (connection refused, timeout, authentication or TLS failure: the deployment's
 * problem, not the recipient's) leaves the notice waiting.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as { code?: string; responseCode?: number; response?: string; message?: string; command?: string };
  const said = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim().slice(0, 500);
  const status = typeof e.responseCode === 'number' ? e.responseCode : NaN;
  if (e.code && UNREACHABLE.has(e.code)) return { kind: 'UNREACHABLE', reason: said || e.code };
  if (status >= 500 && status < 600 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) return { kind: 'PERMANENT', reason: said };
  if (status >= 400 && status < 600) return { kind: 'REFUSED', reason: said };
  return { kind: 'UNREACHABLE', reason: said || 'the mail server could not be reached' };
}
