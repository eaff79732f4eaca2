// What `npm run backup` writes and `npm run restore` reads (README, "Operations"): a folder with
// manifest.json and one gzipped file of JSON lines per table. Shared by scripts/backup.ts and
// scripts/restore.ts.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Client } from 'pg';
import { embeddedDatabaseUrl, quoteIdent, type AppConfig } from '@app/core';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'dispute-body-backup/1';

/** One file of the backup, as the manifest names it. */
export interface BackupFile {
  /** Relative to the backup's folder. */
  name: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  /** When the backup's snapshot was taken (ISO 8601, UTC). */
  createdAt: string;
  /** The schema's level: the migrations applied, in order (the last one names it). */
  migrations: string[];
  serverVersion: string;
  /** Where the documents' bytes were: in PostgreSQL (document_chunks), so in the tables. */
  documents: { storage: 'postgresql'; documents: number; versions: number };
  /** Each table of the public schema with its rows in the snapshot, and the file that holds them. */
  tables: { name: string; rows: number; file: string }[];
  /** The sequences' values, set again on restore. */
  sequences: { name: string; value: string | null }[];
  files: BackupFile[];
}

/** The tables whose rows are the registry's: every table of the public schema but the migrations' own. */
export async function publicTables(db: Client): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'migrations' ORDER BY c.relname`,
  );
  return rows.map((row) => row.name);
}

export async function appliedMigrations(db: Client): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(`SELECT name FROM migrations ORDER BY id`);
  return rows.map((row) => row.name);
}

/** The columns a restore writes: every stored column (generated ones are computed again). */
export async function storedColumns(db: Client, table: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_attribute a
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [`public.${quoteIdent(table)}`],
  );
  return rows.map((row) => row.name);
}

export function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(path)
      .on('data', (chunk: string | Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: hash.digest('hex'), bytes }));
  });
}

/**
 * The database to back up or restore into, as `npm start` and `npm run migrate` find it: as the
 * schema's owner, DATABASE_OWNER_URL, else DATABASE_URL, else the embedded database of `npm start`
 * (whose superuser owns the schema).
 */
export function ownerDatabaseUrl(config: AppConfig): string {
  return config.DATABASE_OWNER_URL ?? config.DATABASE_URL ?? embeddedDatabaseUrl(config.DATA_DIR, config.EMBEDDED_PG_PORT, 'dispute_body');
}

/** `--name value` from the arguments, or undefined. */
export function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

export function usage(message: string, line: string): never {
  process.stderr.write(`${message}\nUsage: ${line}\n`);
  process.exit(2);
}
