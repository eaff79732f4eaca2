import type { CategoryOf, CodeIn, DomainCode } from './catalogue';

/**
 * The categories a client can act on. One formatter maps each to the GraphQL `extensions.code`;
 * the finer, stable `code` of the error travels as `extensions.domainCode`.
 */
export const ERROR_CATEGORIES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'INVALID_TRANSITION',
  'NOT_YET_ALLOWED',
  'DEADLINE_PASSED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
] as const;

/** One of {@link ERROR_CATEGORIES}. */
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

/** Details a client may use: the offending input field, the date an action becomes allowed, ... */
export type ErrorDetails = Record<string, string | number | boolean | null | string[]>;

/**
 * An expected failure of a domain rule. Services throw these (never Nest HTTP exceptions); the
 * GraphQL formatter turns them into `{ message, extensions: { code, domainCode, ...details } }`.
 */
export class DomainError<Code extends DomainCode = DomainCode> extends Error {
  readonly category: ErrorCategory;
  readonly code: DomainCode;

  /** `code` is one of a catalogue (`<lib>.errors.ts`), thrown under a category it lists. */
  constructor(
    category: CategoryOf<Code>,
    code: Code,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.category = category;
    this.code = code;
  }
}

// Each helper takes only the codes catalogued under its category: a code is named at its throw
// site (never computed from a noun), so a search for it finds every place that throws it.
export const notFound = (what: string, ref: string, code: CodeIn<'NOT_FOUND'>) =>
  new DomainError('NOT_FOUND', code, `${what} ${ref} was not found`);

export const forbidden = (message: string, code: CodeIn<'FORBIDDEN'>) => new DomainError('FORBIDDEN', code, message);

export const unauthenticated = (message = 'Sign in to do this', code: CodeIn<'UNAUTHENTICATED'> = 'UNAUTHENTICATED') =>
  new DomainError('UNAUTHENTICATED', code, message);

export const badInput = (field: string, message: string, code: CodeIn<'BAD_USER_INPUT'>) =>
  new DomainError('BAD_USER_INPUT', code, message, { field });

export const conflict = (message: string, code: CodeIn<'CONFLICT'>, details: ErrorDetails = {}) =>
  new DomainError('CONFLICT', code, message, details);
