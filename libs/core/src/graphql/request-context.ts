import DataLoader from 'dataloader';
import type { Actor } from '../auth/actor';
import type { RequestLanguageMemo } from './request-language';

/**
 * Per-request DataLoaders, created on first use. A loader lives for one request only, so its
 * cache never serves one user's data to another or goes stale across requests.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = create() as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

export interface GraphqlContext {
  /** `query`: the HTTP request's parsed query string (`?lang=`); none over graphql-ws. */
  req: { user?: Actor | null; ip?: string; headers: Record<string, string | string[] | undefined>; query?: unknown };
  loaders: RequestLoaders;
  /** The request's negotiated language, once asked for: read it with `requestLanguage(ctx)`. */
  language?: RequestLanguageMemo;
}

/** Results in the order of the keys, `null` where a key has no row: what DataLoader expects. */
export function inKeyOrder<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Rows grouped under their keys, in the keys' order and the rows' order: what a DataLoader of lists returns. */
export function groupedInKeyOrder<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) as V[]);
}
