import { KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { canonicalJson } from './audit-chain';

/**
 * The keys that anchor the audit trail outside the database. The application signs each record's
 * hash and, now and then, the head of the chain (a checkpoint) with an Ed25519 key that never
 * enters the database: whoever can rewrite the tables cannot sign, and whoever holds the public
 * key can check. See the README, "The audit trail: threat model".
 */

/**
 * An Ed25519 private key from configuration: a PEM (`-----BEGIN PRIVATE KEY-----`, PKCS8) or
 * the base64 of the DER of a PKCS8 key. Throws a one-line reason otherwise.
 */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.includes('-----BEGIN')
      ? createPrivateKey({ key: trimmed.replace(/\\n/g, '\n'), format: 'pem' })
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('must be an Ed25519 private key: a PKCS8 PEM or the base64 of its DER');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`must be an Ed25519 private key (got a ${key.asymmetricKeyType ?? 'unknown'} key)`);
  }
  return key;
}

/** An Ed25519 public key: a PEM (SPKI) or the base64 of its DER. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.includes('-----BEGIN')
      ? createPublicKey({ key: trimmed.replace(/\\n/g, '\n'), format: 'pem' })
      : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new Error('is not an Ed25519 public key (a SPKI PEM or the base64 of its DER)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`is not an Ed25519 public key (got ${key.asymmetricKeyType})`);
  return key;
}

export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function publicKeyPem(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ format: 'pem', type: 'spki' }).toString();
}

/** A short, stable name of a public key: the first 16 hex digits of the SHA-256 of its DER. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(pub.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

// Domain separation: a record's signature can never pass for a checkpoint's, or the reverse.
const RECORD_PREFIX = 'dispute-body audit record v1\n';
const CHECKPOINT_PREFIX = 'dispute-body audit checkpoint v1\n';

/** What a record's signature covers: its hash (which covers every field and the link before it). */
export function recordSigningText(hash: string): string {
  return `${RECORD_PREFIX}${hash}`;
}

/** The signed part of a checkpoint: the head of the chain at a moment. */
export interface CheckpointStatement {
  /** Position of the head record (0 for an empty chain). */
  seq: string;
  /** Its hash (the genesis hash for an empty chain). */
  hash: string;
  /** When the checkpoint was made (ISO 8601, UTC). */
  madeAt: string;
  /** DAILY (the worker) or MEETING (a meeting of the body). */
  reason: string;
  /** The meeting of the body, for a MEETING checkpoint. */
  meetingId: string | null;
  keyId: string;
}

/** The exact text a checkpoint's signature covers: a prefix and the statement's canonical JSON. */
export function checkpointSigningText(statement: CheckpointStatement): string {
  const { seq, hash, madeAt, reason, meetingId, keyId } = statement;
  return `${CHECKPOINT_PREFIX}${canonicalJson({ seq, hash, madeAt, reason, meetingId, keyId })}`;
}

export function signText(key: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), key).toString('base64');
}

export function verifyText(key: KeyObject, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The signing key of a process, with its public half and its id. */
export class AuditKeys {
  readonly publicKey: KeyObject;
  readonly keyId: string;
  readonly publicKeyPem: string;

  constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
    this.publicKeyPem = publicKeyPem(this.publicKey);
  }

  sign(text: string): string {
    return signText(this.privateKey, text);
  }

  verify(text: string, signature: string): boolean {
    return verifyText(this.publicKey, text, signature);
  }
}

export const AUDIT_KEY_FILE = 'audit-signing-key.pem';

/**
 * The configured key (`AUDIT_SIGNING_KEY`, required in production); in development one generated
 * on first start and kept under the data folder like the JWT secret, so that the API and the
 * worker it starts sign with the same key across restarts; in tests without one, a throw-away
 * key of this process.
 */
export function resolveAuditSigningKey(config: { AUDIT_SIGNING_KEY?: string; DATA_DIR: string; NODE_ENV: string }): KeyObject {
  if (config.AUDIT_SIGNING_KEY) return parseSigningKey(config.AUDIT_SIGNING_KEY);
  if (config.NODE_ENV === 'production') throw new Error('AUDIT_SIGNING_KEY is required when NODE_ENV=production');
  if (config.NODE_ENV === 'test') return generateKeyPairSync('ed25519').privateKey;
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, AUDIT_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    try {
      // 'wx': of two processes starting at once, one writes and both read the same key.
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, generateSigningKeyPem());
      closeSync(fd);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseSigningKey(readFileSync(file, 'utf8'));
}
