import { GraphQLError } from 'graphql';
import { DomainError } from './domain-error';
import { formatGraphqlError } from './format-error';

describe('formatGraphqlError', () => {
  const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['x'] });

  it('maps a domain error to its category and keeps its details', () => {
    const error = new DomainError('BAD_USER_INPUT', 'VALIDATION_FAILED', 'input.code is wrong', { field: 'input.code' });
    const out = formatGraphqlError({ message: error.message, path: ['x'] }, wrap(error));
    expect(out).toEqual({
      message: 'input.code is wrong',
      path: ['x'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', domainCode: 'VALIDATION_FAILED', field: 'input.code' },
    });
  });

  it('masks anything unexpected: no message, no stack, no SQL', () => {
    const logged: unknown[] = [];
    const sqlError = new Error('relation "users" does not exist at SELECT * FROM users');
    const out = formatGraphqlError(
      { message: sqlError.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      wrap(sqlError),
      { onInternal: (e) => logged.push(e) },
    );
    expect(out).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
      locations: undefined,
      path: undefined,
    });
    expect(logged).toEqual([sqlError]);
  });

  it('passes GraphQL request errors but strips their stack', () => {
    const out = formatGraphqlError(
      { message: 'Cannot query field "nope"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at y'] } },
      new GraphQLError('Cannot query field "nope"'),
    );
    expect(out.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('gives the error graphql-js adds when it stops coercing variables the code of the errors before it', () => {
    const message = 'Too many errors processing variables, error limit reached. Execution aborted.';
    const out = formatGraphqlError({ message }, new GraphQLError(message));
    expect(out).toEqual({
      message,
      locations: undefined,
      path: undefined,
      extensions: { code: 'BAD_USER_INPUT', domainCode: 'TOO_MANY_ERRORS' },
    });
  });
});
