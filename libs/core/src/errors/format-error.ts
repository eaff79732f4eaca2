import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { RequestErrorCode } from '../core.errors';
import { QueryLimitError } from '../graphql/query-limits';
import type { DomainCode } from './catalogue';
import { DomainError, type ErrorCategory } from './domain-error';

/** What a client may find in `extensions.code`: a category, or one of GraphQL's, Apollo's or HTTP's own. */
export type ClientErrorCode = ErrorCategory | RequestErrorCode;

/** The extensions of every error a client gets: the code, and the catalogued domain code if any. */
export type ClientErrorExtensions = { code: ClientErrorCode; domainCode?: DomainCode } & Record<string, unknown>;

/** An error as the client gets it. */
export type ClientFormattedError = GraphQLFormattedError & { extensions: ClientErrorExtensions };

/** Error codes that GraphQL or Apollo raise themselves and that are safe to show as they are. */
export const PASSTHROUGH_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
] as const satisfies readonly ClientErrorCode[];

const PASSTHROUGH: ReadonlySet<string> = new Set(PASSTHROUGH_CODES);

const isPassthrough = (code: unknown): code is (typeof PASSTHROUGH_CODES)[number] => typeof code === 'string' && PASSTHROUGH.has(code);

/**
 * graphql-js gives up coercing the variables after 50 errors and adds one last error of its own,
 * without a code (Apollo codes only the per-variable ones): it is the client's input all the same.
 */
const VARIABLE_ERROR_LIMIT = /^Too many errors processing variables/;

export interface FormatOptions {
  /** Called with every error that is masked, so it is logged with its stack. */
  onInternal?: (error: unknown) => void;
  /**
   * Production: no "Did you mean …?" naming the schema's fields, arguments, types, enum values or
   * input fields, whichever stage found the mistake (validation, the coercion of a literal or of a
   * variable), and no message naming the server's software.
   */
  hideDetails?: boolean;
}

/** graphql-js appends its suggestions last: " Did you mean "a", "b", or "c"?" (names hold no "?"). */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** The messages of the HTTP layer that name the server's software, as production words them. */
const NEUTRAL_MESSAGES: [RegExp, string][] = [
  [/supports only GET\/POST requests/, 'Only GET and POST requests are accepted'],
  [
    /Cross-Site Request Forgery/,
    'This request was blocked as a possible cross-site request forgery: send it with content-type: application/json, or with a non-empty graphql-require-preflight header',
  ],
];

/** The message a client may see of one of GraphQL's or the HTTP layer's own errors. */
export function clientMessage(message: string, hideDetails: boolean): string {
  if (!hideDetails) return message;
  for (const [pattern, neutral] of NEUTRAL_MESSAGES) if (pattern.test(message)) return neutral;
  return message.replace(SUGGESTION, '');
}

/**
 * The one place that decides what a client sees of an error. Domain errors keep their message and
 * details; GraphQL's own request errors pass; everything else becomes a bare
 * INTERNAL_SERVER_ERROR, with no stack, no SQL and no hint of the cause.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown, options: FormatOptions = {}): ClientFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof QueryLimitError) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: 'BAD_USER_INPUT',
        domainCode: original.limitCode,
        limit: original.limit,
        actual: original.actual,
        ...original.details,
      },
    };
  }
  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.category, domainCode: original.code, ...original.details },
    };
  }
  const hideDetails = options.hideDetails ?? false;
  if (original instanceof GraphQLError && !original.path && VARIABLE_ERROR_LIMIT.test(original.message)) {
    return {
      ...base,
      message: clientMessage(original.message, hideDetails),
      extensions: { code: 'BAD_USER_INPUT', domainCode: 'TOO_MANY_ERRORS' },
    };
  }
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError || isPassthrough(code)) {
    if (isPassthrough(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...base, message: clientMessage(formatted.message, hideDetails), extensions: { ...extensions, code } };
    }
  }
  options.onInternal?.(original);
  return {
    ...base,
    message: 'Internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
