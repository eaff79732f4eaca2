import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors';

function firstProblem(errors: ValidationError[], prefix = ''): { field: string; message: string } {
  const error = errors[0];
  const field = prefix ? `${prefix}.${error.property}` : error.property;
  if (error.constraints && Object.keys(error.constraints).length > 0) {
    return { field, message: Object.values(error.constraints)[0] };
  }
  if (error.children && error.children.length > 0) return firstProblem(error.children, field);
  return { field, message: `${field} is invalid` };
}

function validationError(field: string, message: string): DomainError {
  // class-validator's messages begin with the property name; name the full path instead.
  const leaf = field.split('.').pop() as string;
  const text = message.startsWith(leaf) ? `${field}${message.slice(leaf.length)}` : message;
  return new DomainError('BAD_USER_INPUT', 'VALIDATION_FAILED', text, { field });
}

/**
 * Validates every input and args class and refuses unknown properties. The failure names the
 * field by its path in the operation (`input.email`) in `extensions.field`.
 */
export class DomainValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => {
        const { field, message } = firstProblem(errors);
        return validationError(field, message);
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof DomainError && metadata.data && typeof error.details.field === 'string') {
        const field = `${metadata.data}.${error.details.field}`;
        const leaf = String(error.details.field);
        const message = error.message.startsWith(leaf)
          ? `${metadata.data}.${error.message}`
          : error.message;
        throw new DomainError('BAD_USER_INPUT', 'VALIDATION_FAILED', message, { field });
      }
      throw error;
    }
  }
}
