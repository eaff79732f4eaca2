import type { ErrorCatalogue } from './errors/catalogue';

/**
 * The codes of `libs/core`: sign-in and roles, users and members, what the database refuses, the
 * checks on every input, and the limits on requests. The README's table is made from this
 * (`npm run docs:errors`); a unit test checks that every code here is thrown somewhere.
 */
export const CORE_ERRORS = {
  // Sign-in, tokens, second factor
  UNAUTHENTICATED: {
    category: 'UNAUTHENTICATED',
    meaning: 'The operation needs a signed-in user: sign in (signIn) and send the access token',
  },
  INVALID_TOKEN: {
    category: 'UNAUTHENTICATED',
    meaning: 'The access token is missing, invalid or expired: refresh it (refreshToken) or sign in again',
  },
  INVALID_CREDENTIALS: {
    category: 'UNAUTHENTICATED',
    meaning: 'The sign-in was refused (the answer does not say why, so as not to tell whether the account exists): check and retry',
  },
  MFA_CODE_REQUIRED: {
    category: 'UNAUTHENTICATED',
    meaning: 'The account has a second factor: sign in again with the code of the authenticator app or a recovery code',
  },
  INVALID_TOTP_CODE: {
    category: ['UNAUTHENTICATED', 'BAD_USER_INPUT'],
    meaning:
      'The second-factor code is wrong, expired or already used (at sign-in), or does not match the new factor (confirmTotp): enter the current code',
  },
  INVALID_REFRESH_TOKEN: { category: 'UNAUTHENTICATED', meaning: 'The refresh token is unknown, expired or revoked: sign in again' },
  REFRESH_TOKEN_REUSED: {
    category: 'UNAUTHENTICATED',
    meaning: 'A refresh token was used twice, so every session of that sign-in is revoked: sign in again',
  },
  ROLE_REQUIRED: { category: 'FORBIDDEN', meaning: 'The signed-in role may not do this (the message names the roles that may)' },
  MFA_ENROLMENT_REQUIRED: {
    category: 'FORBIDDEN',
    meaning: 'The role must have a second factor before anything else: enrol one (enrollTotp, then confirmTotp)',
  },
  TOTP_ALREADY_ENROLLED: {
    category: 'CONFLICT',
    meaning: 'The user already has a confirmed second factor; if it is lost, the secretariat resets it (resetTotp)',
  },
  TOTP_NOT_ENROLLED: { category: 'CONFLICT', meaning: 'There is no pending second factor to confirm: start with enrollTotp' },
  NO_TOTP_FACTOR: { category: 'CONFLICT', meaning: 'The user has no confirmed second factor to reset' },
  SELF_RESET: { category: 'BAD_USER_INPUT', meaning: 'Nobody resets their own second factor: another member of the secretariat does it' },
  TOO_MANY_ATTEMPTS: {
    category: 'RATE_LIMITED',
    meaning: 'Too many attempts (sign-ins, codes) in a short time: wait as long as the message says',
  },

  // Users and members
  USER_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No user has that id: check the id' },
  MEMBER_NOT_FOUND: { category: 'NOT_FOUND', meaning: 'No member has that id or code: check it' },
  MEMBER_REF_REQUIRED: { category: 'BAD_USER_INPUT', meaning: 'Name the member by its id or its code' },
  MEMBER_NOT_ALLOWED: {
    category: 'BAD_USER_INPUT',
    meaning: 'Only a MEMBER_DELEGATE account acts for a member: leave memberCode out for other roles',
  },
  UNKNOWN_MEMBER: { category: 'BAD_USER_INPUT', meaning: 'A member code given matches no member (the message names it): check the codes' },
  SELF_DEACTIVATION: {
    category: 'BAD_USER_INPUT',
    meaning: 'Nobody deactivates their own account: another member of the secretariat does it',
  },
  UNKNOWN_LANGUAGE: {
    category: 'BAD_USER_INPUT',
    meaning:
      'A language code is not one of the working languages: en, zh, fr, es, ru or ar (the message names the argument; null clears a preference)',
  },
  STALE_VERSION: {
    category: 'CONFLICT',
    meaning: 'Someone else changed the record since it was read (currentVersion gives its version): reload and try again',
  },

  // What the database refuses
  DUPLICATE: {
    category: 'CONFLICT',
    meaning: 'The same record exists already (field names the input that clashes, when known): change it or use the existing one',
  },
  REFERENCE_NOT_FOUND: {
    category: 'BAD_USER_INPUT',
    meaning: 'A record the input refers to does not exist (or no longer does): check the ids',
  },
  CONCURRENT_UPDATE: { category: 'CONFLICT', meaning: 'Someone else changed the same records at the same moment: reload and try again' },

  // Inputs
  VALIDATION_FAILED: {
    category: 'BAD_USER_INPUT',
    meaning: 'An argument breaks a rule of its type (length, format, range): field names it, the message says which rule',
  },
  INVALID_TEXT: {
    category: 'BAD_USER_INPUT',
    meaning: 'A text holds a NUL character or a lone surrogate, which cannot be stored: field names it',
  },
  INVALID_CURSOR: {
    category: 'BAD_USER_INPUT',
    meaning: 'The `after` cursor was not issued by this API for this list: use an endCursor of the list',
  },

  // Limits on requests (the README's "API limits")
  QUERY_TOO_LONG: { category: 'BAD_USER_INPUT', meaning: 'The query text is longer than the limit: send a shorter query' },
  TOO_MANY_TOKENS: { category: 'BAD_USER_INPUT', meaning: 'The query text has more tokens than the limit: send a smaller query' },
  TOO_MANY_SELECTIONS: {
    category: 'BAD_USER_INPUT',
    meaning: 'The query selects more fields than the limit, fragments counted every time they are spread: select less',
  },
  TOO_MANY_VARIABLE_VALUES: { category: 'BAD_USER_INPUT', meaning: 'The variables hold more values than the limit: send fewer' },
  VARIABLES_TOO_DEEP: { category: 'BAD_USER_INPUT', meaning: 'The variables nest deeper than the limit: flatten them' },
  QUERY_TOO_DEEP: { category: 'BAD_USER_INPUT', meaning: 'The operation nests fields deeper than the limit: split it' },
  TOO_MANY_ALIASES: { category: 'BAD_USER_INPUT', meaning: 'The operation uses more aliases than the limit: split it' },
  QUERY_TOO_COSTLY: {
    category: 'BAD_USER_INPUT',
    meaning: 'The operation would cost more than the limit (fields times page sizes): ask for smaller pages',
  },
  INVALID_PAGE_SIZE: {
    category: 'BAD_USER_INPUT',
    meaning: 'A `first` argument is not a whole number from 0 to 100 (the message says where): fix it',
  },
  QUERY_BUDGET_EXCEEDED: {
    category: 'RATE_LIMITED',
    meaning: "The client's budget of expensive queries for the last minute is spent: ask for smaller pages or wait",
  },
  TOO_MANY_ERRORS: {
    category: 'BAD_USER_INPUT',
    meaning: 'The variables hold so many wrong values that GraphQL stopped checking them: fix those reported and resend',
  },

  // The training sandbox (README, "Training sandbox")
  SANDBOX_OFF: {
    category: 'FORBIDDEN',
    meaning: 'The clock moves only in a training sandbox (SANDBOX=true); this deployment keeps real time',
  },
  SANDBOX_CLOCK_NOT_FORWARD: {
    category: 'BAD_USER_INPUT',
    meaning: "The sandbox's clock only moves forward: give an instant later than the sandbox's time now",
  },
  SANDBOX_CLOCK_BUSY: {
    category: 'CONFLICT',
    meaning: 'Another advanceClock is still catching up: wait for it to return, then try again',
  },
} as const satisfies ErrorCatalogue;

/** A code of `libs/core`. */
export type CoreErrorCode = keyof typeof CORE_ERRORS;

/**
 * What a client may see as `extensions.code` with no `domainCode`: the errors GraphQL, Apollo and
 * the HTTP layer raise themselves (the HTTP routes answer `error.code` the same way), besides the
 * categories of the catalogued codes.
 */
export const REQUEST_ERRORS = {
  GRAPHQL_PARSE_FAILED: 'The query is not GraphQL (a syntax error, located in `locations`): fix the text',
  GRAPHQL_VALIDATION_FAILED:
    'The query does not fit the schema (an unknown field, argument or type, a missing argument): fix it against the schema',
  BAD_USER_INPUT: 'A variable or literal is not of the type the schema says (Apollo checks it before any resolver runs): fix the value',
  PERSISTED_QUERY_NOT_FOUND: 'The server does not hold the persisted query whose hash was sent: send the full query text',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted queries are not accepted: send the full query text',
  OPERATION_RESOLUTION_FAILURE: 'operationName names no operation of the document, or several operations come without one: name one',
  BAD_REQUEST: 'The HTTP request itself is wrong (method, content type, malformed JSON, a batch, a missing query): fix the request',
  PAYLOAD_TOO_LARGE: 'The request body is larger than the largest document needs (HTTP 413): send less',
  INTERNAL_SERVER_ERROR:
    'Something failed on the server; nothing about it is told to the client (the server logs it): retry later or report it',
} as const;

/** A code a client may see with no `domainCode`. */
export type RequestErrorCode = keyof typeof REQUEST_ERRORS;
