/**
 * The categories a client can act on. One formatter maps each to the GraphQL `extensions.code`;
 * the finer, stable `code` of the error travels as `extensions.domainCode`.
 */
export type ErrorCategory =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'NOT_YET_ALLOWED'
  | 'DEADLINE_PASSED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE';

/** Details a client may use: the offending input field, the date an action becomes allowed, ... */
export type ErrorDetails = Record<string, string | number | boolean | null | string[]>;

/**
 * An expected failure of a domain rule. Services throw these (never Nest HTTP exceptions); the
 * GraphQL formatter turns them into `{ message, extensions: { code, domainCode, ...details } }`.
 */
export class DomainError extends Error {
  constructor(
    readonly category: ErrorCategory,
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, ref: string, code = `${snake(what)}_NOT_FOUND`) =>
  new DomainError('NOT_FOUND', code, `${what} ${ref} was not found`);

export const forbidden = (message: string, code = 'FORBIDDEN') =>
  new DomainError('FORBIDDEN', code, message);

export const unauthenticated = (message = 'Sign in to do this', code = 'UNAUTHENTICATED') =>
  new DomainError('UNAUTHENTICATED', code, message);

export const badInput = (field: string, message: string, code = 'INVALID_INPUT') =>
  new DomainError('BAD_USER_INPUT', code, message, { field });

export const conflict = (message: string, code = 'CONFLICT', details: ErrorDetails = {}) =>
  new DomainError('CONFLICT', code, message, details);

function snake(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toUpperCase();
}
