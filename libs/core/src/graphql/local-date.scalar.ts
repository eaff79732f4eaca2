import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written as YYYY-MM-DD. */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function parse(value: unknown): string {
  if (!isLocalDate(value)) {
    throw new GraphQLError(`"${String(value)}" is not a calendar date in the form YYYY-MM-DD`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar date without time or zone (ISO 8601 `YYYY-MM-DD`): deadlines, joining dates. */
export const LocalDateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A calendar date without time zone, ISO 8601 YYYY-MM-DD',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('A LocalDate is written as a string "YYYY-MM-DD"', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return parse(ast.value);
  },
});
