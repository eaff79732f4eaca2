import type { CORE_ERRORS } from '../core.errors';
import type { ErrorCategory } from './domain-error';

/**
 * One code of a catalogue: the category (`extensions.code`) it travels with, and what a client
 * reads in the README's table. A few codes are thrown under two categories (an election closed is
 * a deadline passed for a voter, an invalid transition for whoever closes it again): both are
 * listed, so that neither is a surprise.
 */
export interface CatalogueEntry {
  readonly category: ErrorCategory | readonly [ErrorCategory, ...ErrorCategory[]];
  /** One line: what happened and what the client can do about it. */
  readonly meaning: string;
}

/** A lib's codes, as `extensions.domainCode` spells them. */
export type ErrorCatalogue = Readonly<Record<string, CatalogueEntry>>;

/**
 * Every lib's catalogue, by lib. Core cannot import the libs built on it, so each lib adds its own
 * here from its `<lib>.errors.ts` (`declare module '@app/core'`): the codes a
 * throw site may use are then exactly the catalogued ones, and a typo does not compile.
 */
export interface ErrorCatalogues {
  core: typeof CORE_ERRORS;
}

/** A code of some catalogue: what `extensions.domainCode` may hold. */
export type DomainCode = { [L in keyof ErrorCatalogues]: keyof ErrorCatalogues[L] & string }[keyof ErrorCatalogues];

type CategoriesOf<E> = E extends { category: infer C } ? (C extends readonly (infer X)[] ? X : C) : never;

/** The categories a catalogue allows for `code` (the union of them for a union of codes). */
export type CategoryOf<Code extends DomainCode> = CategoriesOf<EntryOf<Code>>;

type EntryOf<Code extends DomainCode> = {
  [L in keyof ErrorCatalogues]: Code extends keyof ErrorCatalogues[L] ? ErrorCatalogues[L][Code] : never;
}[keyof ErrorCatalogues];

/** The codes catalogued under `category`: what the helpers (`badInput`, `forbidden`, …) accept. */
export type CodeIn<Category extends ErrorCategory> = {
  [Code in DomainCode]: Category extends CategoryOf<Code> ? Code : never;
}[DomainCode];

/** The categories of an entry as a list. */
export function categoriesOf(entry: CatalogueEntry): readonly ErrorCategory[] {
  return typeof entry.category === 'string' ? [entry.category] : entry.category;
}
