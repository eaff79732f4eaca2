// Backs up the registry (README, "Operations"):
//
//   npm run backup -- --out DIR
//
// DIR (new or empty) gets one gzipped file of JSON lines per table of the public schema, every row
// as PostgreSQL's own JSON of it (to_jsonb: timestamps to the microsecond, bytea in hex, so that a
// restore gives back the same values and the audit chain's hashes still hold), read in one
// snapshot, and manifest.json: the time, the schema's migrations, the rows of each table, the
// sequences, and the size and sha256 of each file. The documents' bytes are stored in PostgreSQL
// (the DocumentStorage of the registry, in chunks of 1 MiB: document_chunks), so they are in the tables; a database whose documents
// have their bytes elsewhere is refused. The job queue (schema pgboss) is not kept: its jobs are
// idempotent and the worker schedules its sweeps again when it starts.
//
// Not pg_dump: the client tools of the machine must be of the server's major version or newer,
// and the embedded server (PostgreSQL 18) comes without them.
import { createWriteStream, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { Client } from 'pg';
import { SystemClock, loadConfig, quoteIdent } from '@app/core';
import {
  BACKUP_FORMAT,
  MANIFEST_FILE,
  type BackupFile,
  type BackupManifest,
  appliedMigrations,
  ownerDatabaseUrl,
  option,
  publicTables,
  sha256File,
  usage,
} from './backup/backup-files';

const USAGE = 'npm run backup -- --out DIR';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const out = option(args, '--out');
  if (!out) usage('Name the folder to write the backup into (--out DIR)', USAGE);
  const dir = resolve(out);
  if (existsSync(dir) && readdirSync(dir).length > 0) usage(`${dir} is not empty: back up into a new or empty folder`, USAGE);
  mkdirSync(join(dir, 'tables'), { recursive: true });

  const ownerUrl = ownerDatabaseUrl(loadConfig());
  const db = new Client({ connectionString: ownerUrl, application_name: 'dispute-body-backup' });
  await db.connect();
  try {
    // One snapshot for every table: the backup is the registry at one instant, every docket
    // entry with its documents and its audit records, whatever is written meanwhile.
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const createdAt = new SystemClock().now().toISOString();
    const documents = await documentStorage(db);
    const migrations = await appliedMigrations(db);
    const [{ server_version: serverVersion }] = (await db.query<{ server_version: string }>('SHOW server_version')).rows;
    const tables: BackupManifest['tables'] = [];
    const files: BackupFile[] = [];
    for (const table of await publicTables(db)) {
      const file = `tables/${table}.jsonl.gz`;
      const rows = await writeTable(db, table, join(dir, file));
      tables.push({ name: table, rows, file });
      files.push({ name: file, ...(await sha256File(join(dir, file))) });
    }
    const sequences = (
      await db.query<{ name: string; value: string | null }>(
        `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
      )
    ).rows;
    await db.query('COMMIT');
    const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt, migrations, serverVersion, documents, tables, sequences, files };
    writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const rows = tables.reduce((sum, table) => sum + table.rows, 0);
    process.stdout.write(
      `Backed up ${tables.length} tables (${rows} rows, ${documents.documents} documents, ${documents.versions} language versions) ` +
        `at schema ${migrations[migrations.length - 1]} into ${dir}\n`,
    );
  } finally {
    await db.end();
  }
}

/**
 * The documents, and a refusal when some have their bytes outside PostgreSQL (an object store
 * bound as DocumentStorage): copying an object store is not supported yet, and a backup without
 * those bytes would restore filings that cannot be read.
 */
async function documentStorage(db: Client): Promise<BackupManifest['documents']> {
  const [counts] = (
    await db.query<{ documents: string; versions: string; outside: string }>(
      `SELECT (SELECT count(*) FROM documents) AS documents,
              (SELECT count(*) FROM document_versions) AS versions,
              (SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_chunks c WHERE c.content_key = d.id))
            + (SELECT count(*) FROM document_versions v WHERE NOT EXISTS (SELECT 1 FROM document_chunks c WHERE c.content_key = v.id)) AS outside`,
    )
  ).rows;
  if (Number(counts.outside) > 0) {
    throw new Error(
      `${counts.outside} documents or language versions have no content in PostgreSQL (stored elsewhere, e.g. an object store): ` +
        'backing up an object store is not supported yet, so no backup was made',
    );
  }
  return { storage: 'postgresql', documents: Number(counts.documents), versions: Number(counts.versions) };
}

/** Writes a table's rows as JSON lines, gzipped, through a cursor; returns how many. */
async function writeTable(db: Client, table: string, path: string): Promise<number> {
  const cursor = `backup_${table}`.slice(0, 60);
  await db.query(`DECLARE ${quoteIdent(cursor)} NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS row FROM public.${quoteIdent(table)} t`);
  // A document's content may be tens of megabytes: its tables are read a row at a time.
  const batch = /contents$/.test(table) ? 1 : 1000;
  let count = 0;
  async function* lines(): AsyncGenerator<string> {
    for (;;) {
      const { rows } = await db.query<{ row: string }>(`FETCH ${batch} FROM ${quoteIdent(cursor)}`);
      if (rows.length === 0) return;
      count += rows.length;
      yield rows.map((r) => `${r.row}\n`).join('');
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(path));
  await db.query(`CLOSE ${quoteIdent(cursor)}`);
  return count;
}

main().catch((error: unknown) => {
  process.stderr.write(`Backup failed: ${(error as Error).message}\n`);
  process.exit(1);
});
