import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig, keyBytes } from '../config/app-config';

/**
 * The key of MFA_ENCRYPTION_KEY, or outside production (where it is required at boot) one generated
 * on first use and kept under the data folder, like the JWT secret.
 */
export function resolveMfaKey(config: AppConfig): Buffer {
  if (config.MFA_ENCRYPTION_KEY) return keyBytes(config.MFA_ENCRYPTION_KEY)!;
  if (config.isProduction) throw new Error('MFA_ENCRYPTION_KEY is required when NODE_ENV=production');
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, 'mfa-key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return keyBytes(readFileSync(file, 'utf8'))!;
}

const VERSION = 'v1';

/**
 * Seals a secret with AES-256-GCM under the key, bound to its context (the user's id) as additional
 * data: a sealed secret copied onto another user's row does not open.
 */
export function sealSecret(key: Buffer, secret: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** Opens a sealed secret; throws if it was sealed under another key or context, or tampered with. */
export function openSecret(key: Buffer, sealed: string, context: string): Buffer {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
}
