import type { EntityManager } from 'typeorm';

/** The channel each advance of the public data's version is announced on, the new version as payload. */
export const PUBLIC_READ_VERSION_CHANNEL = 'public_read_version';

/**
 * Advances the version inside a command's transaction and announces it: `pg_notify` in a
 * transaction is delivered at its commit and not at all if it rolls back, so a listener hears of
 * the new version no earlier than the data is visible. One statement. The row stays locked until
 * the commit: CommandRunner calls it last, after the audit record (whose advisory lock already
 * orders the commits), so commands do not wait on it any longer than they already do.
 */
export async function advancePublicReadVersion(em: EntityManager): Promise<void> {
  await em.query(
    `WITH advanced AS (UPDATE public_read_version SET version = version + 1 WHERE id = 1 RETURNING version)
     SELECT pg_notify($1, version::text) FROM advanced`,
    [PUBLIC_READ_VERSION_CHANNEL],
  );
}

/** The current version, as a committed reader sees it now (one primary-key read). */
export async function readPublicReadVersion(query: (sql: string) => Promise<unknown>): Promise<bigint> {
  const rows = (await query('SELECT version FROM public_read_version WHERE id = 1')) as { version: string }[];
  return rows.length > 0 ? BigInt(rows[0].version) : 0n;
}
