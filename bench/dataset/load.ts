// The loader: truncate and reload in one transaction, the big tables' secondary indexes and
// constraints set aside during the bulk insert (INSERT … SELECT … FROM json_to_recordset) and
// rebuilt after it, so that every row is still checked against them before the commit.
import { advancePublicReadVersion } from '@app/core';
import type { Client } from 'pg';
import { note } from '../lib/progress';
import type { Generated } from '../../apps/api/src/demo/dataset/generate';
import { insertRows } from '../../apps/api/src/demo/dataset/insert';

const BULK_TABLES = ['disputes', 'dispute_parties', 'dispute_stage_periods', 'deadlines', 'docket_entries', 'documents', 'document_chunks'];

interface SetAside {
  constraints: { table: string; name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

/**
 * Drops the unique and foreign-key constraints of `tables` and their other secondary indexes (not
 * the primary keys), read from the catalogue so that a new migration's indexes are handled too;
 * {@link restoreIndexes} puts back exactly the same definitions.
 */
async function setAsideIndexes(client: Client, tables: readonly string[]): Promise<SetAside> {
  const constraints = (
    await client.query(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname = ANY($1) AND c.contype IN ('u', 'f')
        ORDER BY c.contype DESC, c.conname`,
      [tables],
    )
  ).rows as SetAside['constraints'];
  const indexes = (
    await client.query(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname = ANY($1) AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY i.relname`,
      [tables],
    )
  ).rows as SetAside['indexes'];
  // Foreign keys first (u sorts after f in DESC order, so the unique constraints go last).
  for (const c of constraints) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`);
  return { constraints, indexes };
}

async function restoreIndexes(client: Client, set: SetAside): Promise<void> {
  for (const i of set.indexes) await client.query(i.definition);
  // Unique constraints before the foreign keys that may rely on them.
  for (const c of [...set.constraints].reverse()) {
    await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.definition}`);
  }
}

/**
 * Empties every table of the public schema but `migrations` and the append-only audit trail (its
 * triggers refuse TRUNCATE since migration AuditAnchors; the data set writes none of it), with
 * RESTART IDENTITY so that DS numbers start at 1 again. Inside the caller's transaction.
 */
export async function truncateAll(client: Client): Promise<void> {
  const tables: string[] = (
    await client.query(
      `SELECT t.tablename FROM pg_tables t
        WHERE t.schemaname = 'public' AND t.tablename <> 'migrations'
          AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = format('public.%I', t.tablename)::regclass AND g.tgtype & 32 <> 0)
        ORDER BY t.tablename`,
    )
  ).rows.map((r: { tablename: string }) => r.tablename);
  await client.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
  await client.query('ALTER SEQUENCE dispute_number_seq RESTART WITH 1');
  // Every answer an API process kept of the old data is stale now (README, "Public reads from a cache").
  await advancePublicReadVersion(client);
}

/** Inserts the generated rows into the emptied tables, inside the caller's transaction. */
export async function insertAll(client: Client, g: Generated, passwordHash: string): Promise<void> {
  // Secondary indexes, unique and foreign-key constraints of the big tables are set aside and
  // rebuilt after the load, in this transaction: built in bulk, and validated on every row then.
  const deferred = await setAsideIndexes(client, BULK_TABLES);
  await insertRows(client, g, passwordHash);
  // The rows' deferred trigger events (the statistics' version, advanced once per transaction)
  // run now: PostgreSQL builds no index on a table with events pending.
  await client.query('SET CONSTRAINTS ALL IMMEDIATE');
  const rebuildStarted = Date.now();
  await restoreIndexes(client, deferred);
  if (process.env.BENCH_DEBUG) note(`    indexes and constraints rebuilt in ${Date.now() - rebuildStarted} ms`);
  // DS numbers follow filing order, as nextval gave them one by one.
  const [{ misordered }] = (
    await client.query(
      `SELECT count(*)::int AS misordered FROM (SELECT number, lag(number) OVER (ORDER BY filed_at, id) AS previous FROM disputes) x
        WHERE previous IS NOT NULL AND number <= previous`,
    )
  ).rows;
  if (misordered) throw new Error(`dispute numbers are not in filing order (${misordered} rows)`);
}
