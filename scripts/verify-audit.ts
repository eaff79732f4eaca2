// Checks the audit trail against checkpoints kept outside the database (README, "The audit
// trail: threat model"):
//
//   npm run verify-audit -- <checkpoint file> [--public-key <file>]
//
// The file holds one or more published checkpoints (a copy of `auditCheckpoints`, a meeting's
// `auditCheckpoint`, the worker's "Audit checkpoint" log lines). The public key comes from
// --public-key (a file with the PEM of `auditPublicKey`), else AUDIT_PUBLIC_KEY, else the public
// half of AUDIT_SIGNING_KEY (or of the development key under DATA_DIR). The database is
// DATABASE_URL, else the embedded one of `npm start` (running). Exit code 0: valid; 1: the trail
// no longer agrees with a checkpoint, or a record is not the key's; 2: bad usage.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  AUDIT_KEY_FILE,
  describeReport,
  embeddedDatabaseUrl,
  keyIdOf,
  loadConfig,
  parseCheckpoints,
  parsePublicKey,
  parseSigningKey,
  verifyAgainstCheckpoints,
} from '@app/core';
import { createPublicKey, type KeyObject } from 'node:crypto';

function usage(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run verify-audit -- <checkpoint file> [--public-key <file>]\n`);
  process.exit(2);
}

function publicKeyFrom(args: string[], config: ReturnType<typeof loadConfig>): KeyObject {
  const flag = args.indexOf('--public-key');
  if (flag >= 0) {
    const file = args[flag + 1];
    if (!file) usage('--public-key needs a file');
    return parsePublicKey(readFileSync(file, 'utf8'));
  }
  if (process.env.AUDIT_PUBLIC_KEY) return parsePublicKey(process.env.AUDIT_PUBLIC_KEY);
  if (config.AUDIT_SIGNING_KEY) return createPublicKey(parseSigningKey(config.AUDIT_SIGNING_KEY));
  const devKey = join(resolve(config.DATA_DIR), AUDIT_KEY_FILE);
  if (existsSync(devKey)) return createPublicKey(parseSigningKey(readFileSync(devKey, 'utf8')));
  return usage('No public key: pass --public-key <file> (the PEM of the auditPublicKey query) or set AUDIT_PUBLIC_KEY');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--public-key');
  if (!file) usage('Name the file of checkpoints to check against');
  const config = loadConfig();
  const checkpoints = parseCheckpoints(readFileSync(file, 'utf8'));
  const publicKey = publicKeyFrom(args, config);
  const url = config.DATABASE_URL ?? embeddedDatabaseUrl(config.DATA_DIR, config.EMBEDDED_PG_PORT, 'dispute_body');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const report = await verifyAgainstCheckpoints(async (sql, params) => (await client.query(sql, params)).rows, checkpoints, publicKey);
    process.stdout.write(`Public key ${keyIdOf(publicKey)}; ${checkpoints.length} checkpoint(s) from ${file}\n${describeReport(report)}\n`);
    process.exitCode = report.valid ? 0 : 1;
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
});
