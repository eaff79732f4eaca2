import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ElectionKeyPair, electionKeyPair } from './ballot-seal';

/**
 * The elections' ballot keys, derived from BALLOT_SECRET (libs/panels/README.md, Ballot secrecy).
 * Without it: in development a secret generated on first use into `DATA_DIR/ballot-secret`, shared
 * by the API and the worker it starts and kept across restarts (like the JWT secret); in tests a
 * random one held by this process. Production requires it (checked at boot).
 */
@Injectable()
export class BallotKeys {
  private readonly logger = new Logger(BallotKeys.name);
  private secret: string | null = null;

  constructor(private readonly config: AppConfig) {}

  keyPair(electionId: string): ElectionKeyPair {
    return electionKeyPair(this.resolveSecret(), electionId);
  }

  private resolveSecret(): string {
    if (this.secret) return this.secret;
    if (this.config.BALLOT_SECRET) {
      this.secret = this.config.BALLOT_SECRET;
    } else if (this.config.isProduction) {
      throw new Error('BALLOT_SECRET is required when NODE_ENV=production');
    } else if (this.config.NODE_ENV === 'test') {
      this.secret = randomBytes(48).toString('base64url');
    } else {
      this.secret = this.secretFile();
    }
    return this.secret;
  }

  private secretFile(): string {
    const dir = resolve(this.config.DATA_DIR);
    const file = join(dir, 'ballot-secret');
    mkdirSync(dir, { recursive: true });
    // The API and its worker may both get here first: each writes a file of its own and links it
    // into place, which only one link does; both then read the same, complete secret.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(draft, file);
      this.logger.log(`Generated the ballot secret into ${file}: the elections opened from now on are counted only with it`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32) throw new Error(`${file} holds no ballot secret (at least 32 characters)`);
    return secret;
  }
}
