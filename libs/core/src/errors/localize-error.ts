import type { GraphQLFormattedError } from 'graphql';
import { DEFAULT_LANGUAGE, hasMessage, translate, type Language, type MessageParams } from '@app/i18n';

/** The catalogue namespace of the errors' messages: libs/i18n/messages/<language>/errors.json. */
export const ERROR_MESSAGES_NAMESPACE = 'errors';

/**
 * The key of an error's message: its stable domain code when it has one (`errors.DISPUTE_NOT_FOUND`),
 * else its `extensions.code` (`errors.GRAPHQL_VALIDATION_FAILED`); null when the catalogue has none.
 */
export function errorMessageKey(extensions: Readonly<Record<string, unknown>> | undefined): string | null {
  for (const code of [extensions?.domainCode, extensions?.code]) {
    if (typeof code === 'string' && hasMessage(`${ERROR_MESSAGES_NAMESPACE}.${code}`)) return `${ERROR_MESSAGES_NAMESPACE}.${code}`;
  }
  return null;
}

/** An error's details as ICU arguments: its scalar extensions, lists joined (`readerIds`). */
function argumentsOf(extensions: Readonly<Record<string, unknown>>): MessageParams {
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(extensions)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) params[name] = value.join(', ');
  }
  return params;
}

/**
 * An error as a reader of `language` gets it (README, "Working languages"). English is left exactly
 * as it was: its messages are written where the error is thrown and name the particular (a field, a
 * date, an id, a rule). In another language the message is the catalogue's for the error's code, its
 * ICU arguments taken from the error's details (`allowedFrom`, `limit`, `field`, …), and the English
 * message, when it says more than the catalogue's English, is kept as `extensions.detail`, so that
 * nothing the English reader learns is lost to the others. `extensions.code` and `domainCode` never
 * change. An error whose code the catalogue lacks, or whose message needs a detail this error does
 * not carry, stays in English.
 */
export function localizeError<E extends GraphQLFormattedError>(error: E, language: Language): E {
  if (language === DEFAULT_LANGUAGE) return error;
  const extensions = error.extensions ?? {};
  const key = errorMessageKey(extensions);
  if (!key) return error;
  const params = argumentsOf(extensions);
  let message: string;
  let english: string;
  try {
    message = translate(language, key, params);
    english = translate(DEFAULT_LANGUAGE, key, params);
  } catch {
    return error;
  }
  const detail = error.message !== english && extensions.detail === undefined ? { detail: error.message } : {};
  return { ...error, message, extensions: { ...extensions, ...detail } };
}
