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

// With the u flag a surrogate pair is one code point, so only a lone surrogate matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const MAX_DEPTH = 32;

/**
 * The first string of an argument that cannot be stored as text: PostgreSQL refuses U+0000 in
 * `text`, and a lone surrogate is not Unicode (the driver would silently store U+FFFD instead).
 */
export function findUnstorableText(value: unknown, path: string, depth = 0): { field: string; message: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field: path, message: `${path} must not contain NUL characters (U+0000)` };
    if (LONE_SURROGATE.test(value)) return { field: path, message: `${path} must be valid Unicode text (it contains a lone surrogate)` };
    return null;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date || depth > MAX_DEPTH) return null;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, inner] of entries) {
    const found = findUnstorableText(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
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

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // @Parent, @Context, @CurrentUser: values the application made, not input (Nest validates
    // them neither: validateCustomDecorators is off). A field resolver of every row of a page
    // passes here, so they are handed back at once.
    if (metadata.type === 'custom') return Promise.resolve(value);
    return this.transformInput(value, metadata);
  }

  // GraphQL arguments are parsed from JSON: they never hold a binary value, and Nest's search
  // for one reads class-validator's metadata again for every nested input of every request.
  protected override findNestedBinaryValues(): ValidationError[] {
    return [];
  }

  private async transformInput(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Every argument, of a class or a bare scalar (an `ID`, a `String`): text PostgreSQL cannot
    // store would otherwise fail deep in a query as an internal error.
    const unstorable = findUnstorableText(value, metadata.data ?? '');
    if (unstorable) throw new DomainError('BAD_USER_INPUT', 'INVALID_TEXT', unstorable.message, { field: unstorable.field });
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof DomainError && metadata.data && typeof error.details.field === 'string') {
        const field = `${metadata.data}.${error.details.field}`;
        const leaf = String(error.details.field);
        const message = error.message.startsWith(leaf) ? `${metadata.data}.${error.message}` : error.message;
        throw new DomainError('BAD_USER_INPUT', 'VALIDATION_FAILED', message, { field });
      }
      throw error;
    }
  }
}
