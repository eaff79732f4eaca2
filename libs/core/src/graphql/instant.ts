import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDate, MaxDate, MinDate } from 'class-validator';
import { EARLIEST_INSTANT, LATEST_INSTANT } from './local-date.scalar';

const range = `from ${EARLIEST_INSTANT.toISOString()} to ${LATEST_INSTANT.toISOString()}`;

/**
 * An instant of an input (the `DateTime` scalar): a valid date within the range the registry
 * accepts. JavaScript dates reach years ±275 760; far ones would fail as queries (PostgreSQL's
 * timestamps end sooner, and JavaScript writes years past 9999 with a sign it does not read).
 */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    Type(() => Date),
    IsDate({ message: ({ property }) => `${property} must be a date-time such as 2026-03-02T09:00:00Z` }),
    MinDate(EARLIEST_INSTANT, { message: ({ property }) => `${property} must be ${range}` }),
    MaxDate(LATEST_INSTANT, { message: ({ property }) => `${property} must be ${range}` }),
  );
}
