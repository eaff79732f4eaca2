import { ERROR_CATEGORIES, ERROR_MESSAGES_NAMESPACE, REQUEST_ERRORS } from '@app/core';
import { LANGUAGES, catalogues, type Catalogue } from '@app/i18n';
import { ERROR_CATALOGUES } from './error-catalogues';

/**
 * Every code a client may find in an error (README, "Working languages"): each lib's catalogued
 * domain codes, the categories, and the codes GraphQL, Apollo and the HTTP layer raise themselves.
 */
const DECLARED = [
  ...new Set([
    ...Object.values(ERROR_CATALOGUES).flatMap((catalogue) => Object.keys(catalogue)),
    ...ERROR_CATEGORIES,
    ...Object.keys(REQUEST_ERRORS),
  ]),
].sort();

/** The declared codes a catalogue has no `errors.<code>` message for, and its messages for no declared code. */
function compare(catalogue: Catalogue, declared: readonly string[]): { missing: string[]; undeclared: string[] } {
  const prefix = `${ERROR_MESSAGES_NAMESPACE}.`;
  const codes = Object.keys(catalogue)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
  return { missing: declared.filter((code) => !codes.includes(code)), undeclared: codes.filter((code) => !declared.includes(code)) };
}

describe('error messages', () => {
  it('knows the codes of every lib', () => {
    expect(DECLARED).toEqual(
      expect.arrayContaining(['UNKNOWN_LANGUAGE', 'DISPUTE_NOT_FOUND', 'ELECTION_CLOSED', 'GRAPHQL_VALIDATION_FAILED', 'NOT_FOUND']),
    );
  });

  it.each([...LANGUAGES])('%s has a message for every declared error code, and none for a code nobody declares', (language) => {
    expect(compare(catalogues()[language], DECLARED)).toEqual({ missing: [], undeclared: [] });
  });

  it('would tell a code without a message and a message without a code', () => {
    expect(compare({ 'errors.A': 'a', 'errors.C': 'c', 'stage.B': 'b' }, ['A', 'B'])).toEqual({ missing: ['B'], undeclared: ['C'] });
  });
});
