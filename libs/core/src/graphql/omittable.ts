import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateIf } from 'class-validator';

/**
 * A field of an update that may be left out (the current value stays) but not set to null: the
 * value it changes cannot be empty. GraphQL lets a client send `null` for any optional field, and
 * `@IsOptional()` would let it through to a NOT NULL column.
 */
export function IsOmittable(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    IsDefined({ message: ({ property }) => `${property} cannot be null: leave it out to keep the current value` }),
  );
}
