import { ValidateBy, type ValidationOptions } from 'class-validator';

const ALPHABET = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') ALPHABET[c.charCodeAt(0)] = 1;
const PAD = 0x3d; // '='

/**
 * Whether `text` is standard base64 with padding (RFC 4648 §4), checked in one pass.
 *
 * validator.js's `isBase64` (behind class-validator's `@IsBase64`) tests a regular expression
 * that can throw "Maximum call stack size exceeded" on strings of a few million characters
 * (validatorjs/validator.js#2573): a 5 MB file then failed as an internal error, not as a
 * refusal. A loop over the characters has no such limit.
 */
export function isBase64Text(text: string): boolean {
  const length = text.length;
  if (length % 4 !== 0) return false;
  let end = length;
  if (end > 0 && text.charCodeAt(end - 1) === PAD) end--;
  if (end > 0 && text.charCodeAt(end - 1) === PAD) end--;
  // Padding stands for the missing bytes of the last group only, and never fills a whole group.
  if (length - end > 0 && end % 4 < 2) return false;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || ALPHABET[code] === 0) return false;
  }
  return true;
}

/** A base64-encoded file in an input: a string of standard, padded base64. */
export function IsBase64Content(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBase64Content',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isBase64Text(value),
        defaultMessage: () => '$property must be base64-encoded',
      },
    },
    options,
  );
}
