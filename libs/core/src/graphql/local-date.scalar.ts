import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The days the registry accepts, wide enough for any real case and narrow enough that every date
 * computed from one (a time limit months or years later, the end of a day in a far zone) is still a
 * date PostgreSQL reads back: outside it, "0000-01-01" (ISO's 1 BC, a year PostgreSQL does not
 * have) or "9999-12-31" plus a day (JavaScript writes year 10000 as "+010000") fail as queries.
 */
export const FIRST_DAY = '1900-01-01';
export const LAST_DAY = '2999-12-31';
/** The instants the registry accepts: from the first day to the end of the last one. */
export const EARLIEST_INSTANT = new Date(`${FIRST_DAY}T00:00:00.000Z`);
export const LATEST_INSTANT = new Date('3000-01-01T00:00:00.000Z');

/** True for a real calendar date written as YYYY-MM-DD, from FIRST_DAY to LAST_DAY. */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value) || value < FIRST_DAY || value > LAST_DAY) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function parse(value: unknown): string {
  if (!isLocalDate(value)) {
    throw new GraphQLError(`"${String(value)}" is not a calendar date in the form YYYY-MM-DD from ${FIRST_DAY} to ${LAST_DAY}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar date without time or zone (ISO 8601 `YYYY-MM-DD`): deadlines, joining dates. */
export const LocalDateScalar = new GraphQLScalarType({
  name: 'LocalDate',
  description: "A calendar date, ISO 8601 YYYY-MM-DD: a day in the body's time zone (query timeZone), which ends at midnight there",
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
