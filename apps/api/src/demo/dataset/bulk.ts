import { Progress } from './progress';

/** A column of a bulk insert: its name and its PostgreSQL type (as json_to_recordset needs it). */
export type Column = readonly [name: string, type: string];

/** Where the rows go: a pg client (the bench's loader) or a TypeORM manager (the demo's transaction). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Inserts rows in batches of `batch` with one statement each:
 * `INSERT INTO t (..) SELECT .. FROM json_to_recordset($1) AS x(..)`. One parameter per batch, so
 * arrays (text[], uuid[]), jsonb and bytea (as '\x..' text) travel without a placeholder per value,
 * and every constraint, index and foreign key is checked as for any insert.
 */
export async function bulkInsert(
  client: Queryable,
  table: string,
  columns: readonly Column[],
  rows: readonly Record<string, unknown>[],
  options: { batch?: number; progress?: Progress; select?: Record<string, string> } = {},
): Promise<void> {
  const batch = options.batch ?? 5000;
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const record = columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  // `select` may replace a column's expression, e.g. a sequence's nextval().
  const selected = columns.map(([name]) => options.select?.[name] ?? `x."${name}"`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${selected} FROM json_to_recordset($1::json) AS x(${record})`;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    await client.query(sql, [JSON.stringify(chunk)]);
    options.progress?.tick(chunk.length);
  }
}
