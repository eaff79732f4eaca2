// Restores a backup of `npm run backup` (README, "Operations"):
//
//   npm run restore -- --from DIR [--force]
//
// Checks every file against the manifest (size and sha256) before touching the database; refuses
// a database that has tables already unless --force (which drops the public schema and the job
// queue's first); migrates the empty database to the backup's schema level (the same migrations,
// in the same order: restore with the version of the code that made the backup, and upgrade
// after); loads every table in one transaction, with the triggers off (the audit trail's and the
// docket's append-only triggers refuse nothing here, since rows are only inserted, but the
// foreign keys would want an order), sets the sequences, and counts each table against the
// manifest before it commits. Runs as the schema's owner; `session_replication_role` needs a
// superuser, or an owner granted it (GRANT SET ON PARAMETER session_replication_role TO owner).
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { Client } from 'pg';
import { APPLICATION_ROLE, loadConfig, quoteIdent } from '@app/core';
import { ALL_MIGRATIONS, migrationTarget, runMigrations } from '@app/migrations';
import {
  BACKUP_FORMAT,
  MANIFEST_FILE,
  type BackupManifest,
  appliedMigrations,
  ownerDatabaseUrl,
  option,
  publicTables,
  sha256File,
  storedColumns,
  usage,
} from './backup/backup-files';

const USAGE = 'npm run restore -- --from DIR [--force]';
// Rows sent in one INSERT, and at most this many bytes of JSON.
const BATCH_ROWS = 500;
const BATCH_BYTES = 16 * 1024 * 1024;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const from = option(args, '--from');
  if (!from) usage('Name the folder of the backup to restore (--from DIR)', USAGE);
  const force = args.includes('--force');
  const dir = resolve(from);
  const manifest = await verifiedManifest(dir);

  const codeMigrations = ALL_MIGRATIONS.map(
    (migration) => (new (migration as new () => { name?: string })().name ?? migration.name) as string,
  );
  if (!sameMigrations(codeMigrations, manifest.migrations)) {
    throw new Error(
      `The backup is at schema ${manifest.migrations[manifest.migrations.length - 1]}, this code at ${codeMigrations[codeMigrations.length - 1]}: ` +
        'restore with the version of the code that made the backup, then upgrade',
    );
  }

  const config = loadConfig();
  const ownerUrl = ownerDatabaseUrl(config);
  // As `npm start` migrates: as the owner, granting the application's role its rights.
  const migration = config.DATABASE_URL
    ? migrationTarget(config.DATABASE_URL, config.DATABASE_OWNER_URL)
    : { url: ownerUrl, options: { applicationRole: APPLICATION_ROLE } };
  const db = new Client({ connectionString: ownerUrl, application_name: 'dispute-body-restore' });
  await db.connect();
  try {
    const existing = await publicTables(db);
    if (existing.length > 0 || (await hasTable(db, 'migrations'))) {
      if (!force)
        throw new Error(
          `The database is not empty (${existing.length} tables): restore into an empty database, or pass --force to replace it`,
        );
      await db.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
      await db.query('DROP SCHEMA public CASCADE');
      await db.query('CREATE SCHEMA public');
      await db.query('GRANT USAGE ON SCHEMA public TO PUBLIC');
    }
  } finally {
    await db.end();
  }

  // The schema, the job queue and the application role's grants, as `npm run migrate` makes them.
  await runMigrations(migration.url, migration.options);

  const load = new Client({ connectionString: ownerUrl, application_name: 'dispute-body-restore' });
  await load.connect();
  try {
    await load.query('BEGIN');
    await load.query('SET LOCAL session_replication_role = replica');
    if (!sameMigrations(await appliedMigrations(load), manifest.migrations)) throw new Error("The migrated schema is not the backup's");
    const tables = await publicTables(load);
    const missing = manifest.tables.filter((table) => !tables.includes(table.name));
    if (missing.length > 0) throw new Error(`The schema has no table ${missing.map((t) => t.name).join(', ')}`);
    // A migration may have seeded rows; the backup has them as they were.
    if (tables.length > 0) await load.query(`TRUNCATE ${tables.map((t) => `public.${quoteIdent(t)}`).join(', ')}`);
    for (const table of manifest.tables) {
      const loaded = await loadTable(load, table.name, join(dir, table.file));
      const [{ count }] = (await load.query<{ count: string }>(`SELECT count(*) AS count FROM public.${quoteIdent(table.name)}`)).rows;
      if (loaded !== table.rows || Number(count) !== table.rows) {
        throw new Error(`Table ${table.name}: the backup lists ${table.rows} rows, ${loaded} were read and ${count} are there`);
      }
    }
    for (const sequence of manifest.sequences) {
      if (sequence.value !== null)
        await load.query('SELECT setval($1::regclass, $2::bigint)', [`public.${quoteIdent(sequence.name)}`, sequence.value]);
    }
    await load.query('COMMIT');
  } catch (error) {
    await load.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await load.end();
  }
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  process.stdout.write(
    `Restored ${manifest.tables.length} tables (${rows} rows, ${manifest.documents.documents} documents) of the backup made at ${manifest.createdAt}. ` +
      'Check the audit trail: npm run verify-audit -- <checkpoints> (or the verifyAuditChain query)\n',
  );
}

/** The manifest, once every file it names has its size and sha256; else an error naming the file. */
async function verifiedManifest(dir: string): Promise<BackupManifest> {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new Error(`${dir} has no ${MANIFEST_FILE}: not a backup of npm run backup`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${MANIFEST_FILE} is of format ${String(manifest.format)}, not ${BACKUP_FORMAT}`);
  for (const file of manifest.files) {
    const full = join(dir, file.name);
    if (!full.startsWith(`${dir}/`) || !existsSync(full)) throw new Error(`The backup's file ${file.name} is missing`);
    const actual = await sha256File(full);
    if (actual.sha256 !== file.sha256 || actual.bytes !== file.bytes) {
      throw new Error(`The backup's file ${file.name} is not the one the manifest names (sha256 or size differs): nothing was restored`);
    }
  }
  const listed = new Set(manifest.files.map((file) => file.name));
  const unlisted = manifest.tables.find((table) => !listed.has(table.file));
  if (unlisted) throw new Error(`The manifest lists table ${unlisted.name} without the checksum of its file`);
  return manifest;
}

/** The same migrations, whatever the order they are listed in (TypeORM applies them by timestamp). */
function sameMigrations(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

async function hasTable(db: Client, name: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = $1`, [name]);
  return rows.length > 0;
}

/** Inserts a table's JSON lines, in batches; returns how many rows. */
async function loadTable(db: Client, table: string, path: string): Promise<number> {
  const columns = (await storedColumns(db, table)).map(quoteIdent).join(', ');
  const insert = `INSERT INTO public.${quoteIdent(table)} (${columns}) OVERRIDING SYSTEM VALUE
    SELECT ${columns} FROM jsonb_populate_recordset(NULL::public.${quoteIdent(table)}, $1::jsonb)`;
  let batch: string[] = [];
  let bytes = 0;
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.query(insert, [`[${batch.join(',')}]`]);
    count += batch.length;
    batch = [];
    bytes = 0;
  };
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    batch.push(line);
    bytes += line.length;
    if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
  }
  await flush();
  return count;
}

main().catch((error: unknown) => {
  process.stderr.write(`Restore failed: ${(error as Error).message}\n`);
  process.exit(1);
});
