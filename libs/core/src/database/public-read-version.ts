/** The channel each advance of the public data's version is announced on, the new version as payload. */
export const PUBLIC_READ_VERSION_CHANNEL = 'public_read_version';

/** What a statement runs on: a command's EntityManager, or a pg client (the bench's loader). */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Advances the version inside a transaction (a command's, CommandRunner) and announces it:
 * `pg_notify` in a transaction is delivered at its commit and not at all if it rolls back, so a
 * listener hears of the new version no earlier than the data is visible. One statement. The row
 * stays locked until the commit: CommandRunner calls it last, after the audit record (whose
 * advisory lock already orders the commits), so commands do not wait on it any longer than they
 * already do. A row someone removed (a TRUNCATE of every table) comes back at the clock's
 * microseconds since 1970, above any count reached before, so no kept answer matches it.
 */
export async function advancePublicReadVersion(runner: SqlRunner): Promise<void> {
  await runner.query(
    `WITH advanced AS (
       INSERT INTO public_read_version AS v (id, version) VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
       ON CONFLICT (id) DO UPDATE SET version = v.version + 1
       RETURNING version)
     SELECT pg_notify($1, version::text) FROM advanced`,
    [PUBLIC_READ_VERSION_CHANNEL],
  );
}

/**
 * The current version, as a committed reader sees it now (one primary-key read); null without the
 * row (until the next command puts it back), when no answer may be kept or served.
 */
export async function readPublicReadVersion(query: (sql: string) => Promise<unknown>): Promise<bigint | null> {
  const rows = (await query('SELECT version FROM public_read_version WHERE id = 1')) as { version: string }[];
  return rows.length > 0 ? BigInt(rows[0].version) : null;
}
