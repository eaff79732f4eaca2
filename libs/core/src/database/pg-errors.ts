import { QueryFailedError } from 'typeorm';
import { DomainError, conflict } from '../errors';
import { uniqueConstraintInfo } from './unique-constraints';

interface PgDriverError {
  code?: string;
  constraint?: string;
  column?: string;
}

/**
 * Turns the database errors a client can cause into domain errors; anything else is rethrown
 * as it is and masked by the formatter.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driver = (error as QueryFailedError & { driverError?: PgDriverError }).driverError ?? {};
  switch (driver.code) {
    case '23505': {
      const info = uniqueConstraintInfo(driver.constraint);
      return info ? conflict(info.message, 'DUPLICATE', { field: info.field }) : conflict('This record already exists', 'DUPLICATE');
    }
    case '23503':
      return new DomainError('BAD_USER_INPUT', 'REFERENCE_NOT_FOUND', 'A record this refers to does not exist');
    case '40001':
    case '40P01':
    case '55P03':
      return conflict('Someone else changed this at the same moment; reload and try again', 'CONCURRENT_UPDATE');
    default:
      return error;
  }
}
