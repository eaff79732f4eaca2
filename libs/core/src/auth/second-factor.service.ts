import { SessionClock } from '../clock/clock';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { CommandRunner } from '../database/command-runner';
import { DomainError, badInput, conflict, notFound, unauthenticated } from '../errors';
import { Claim, RateLimitRule, RateLimiter, Reservation } from '../rate-limit/rate-limiter.service';
import { UserEntity } from '../users/user.entity';
import type { Actor, Role } from './actor';
import { requireActor, requireRole } from './policy';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { openSecret, resolveMfaKey, sealSecret } from './secret-box';
import { SecondFactorKind, SignInEntity } from './sign-in.entity';
import { revokeSignInsOf } from './sign-ins';
import { TotpFactorEntity } from './totp-factor.entity';
import {
  RECOVERY_CODE_COUNT,
  base32Encode,
  hashRecoveryCode,
  matchTotp,
  newRecoveryCode,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUri,
} from './totp';

/** The name authenticator apps show beside the account. */
export const TOTP_ISSUER = 'Dispute body';

// Wrong second-factor codes per account, across addresses: 10 an hour (README, Sign-in). Only
// someone who knows the password gets this far; with three codes valid at a time out of a million,
// that leaves such an attacker about one chance in 1 400 a day (240 tries).
export const SECOND_FACTOR_FAILURES: RateLimitRule = { limit: 10, windowSeconds: 60 * 60 };

export interface TotpEnrollmentResult {
  secret: string;
  otpauthUri: string;
}

const INVALID_CODE = 'INVALID_TOTP_CODE';

/**
 * The second factor: TOTP (RFC 6238) with single-use recovery codes. Enrolment is the user's own
 * (`enrollTotp`, then `confirmTotp` with a code of the app); a lost factor is reset only by the
 * secretariat (`resetTotp`). The roles of MFA_REQUIRED_ROLES must have one to do anything else.
 */
@Injectable()
export class SecondFactorService {
  private key: Buffer | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
    // An authenticator app's codes follow real time, even in a training sandbox.
    private readonly sessionClock: SessionClock,
  ) {}

  /** Whether the role must sign in with a second factor. */
  isRequiredFor(role: Role): boolean {
    return this.config.MFA_REQUIRED_ROLES.includes(role);
  }

  /** Whether the user has a confirmed factor (then signing in takes a code). */
  async hasFactor(userId: string): Promise<boolean> {
    const factor = await this.dataSource.getRepository(TotpFactorEntity).findOne({ where: { userId } });
    return Boolean(factor?.confirmedAt);
  }

  /** One attempt at a code for the user, taken before the code is checked. */
  reserveAttempt(userId: string): Promise<Reservation> {
    return this.limiter.reserve([this.claim(userId)]);
  }

  /** Gives the attempt back unless the code was wrong (then it counts). */
  async settle(reservation: Reservation, error: unknown): Promise<void> {
    if (error instanceof DomainError && error.code === INVALID_CODE) return;
    await this.limiter.release(reservation);
  }

  /**
   * Checks a code at sign-in, in the sign-in's transaction: a TOTP code of a step later than the
   * last one accepted (so the same code is never accepted twice, even by two requests at once: the
   * factor's row is locked), or an unused recovery code, which is used up.
   */
  async verifyAtLogin(em: EntityManager, userId: string, code: string, now: Date): Promise<SecondFactorKind> {
    const invalid = () => unauthenticated('The code is wrong, expired or already used', INVALID_CODE);
    const digits = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(digits)) {
      const factor = await em.getRepository(TotpFactorEntity).findOne({ where: { userId }, lock: { mode: 'pessimistic_write' } });
      if (!factor?.confirmedAt) throw invalid();
      const step = matchTotp(this.secretOf(factor), digits, now, factor.lastUsedStep);
      if (step === null) throw invalid();
      await em.update(TotpFactorEntity, { userId }, { lastUsedStep: step });
      return 'TOTP';
    }
    const normalized = normalizeRecoveryCode(code);
    if (!normalized) throw invalid();
    const used = await em
      .createQueryBuilder()
      .update(RecoveryCodeEntity)
      .set({ usedAt: now })
      .where('user_id = :userId AND code_hash = :hash AND used_at IS NULL', { userId, hash: hashRecoveryCode(normalized) })
      .execute();
    if (!used.affected) throw invalid();
    return 'RECOVERY_CODE';
  }

  /**
   * Starts (or starts again) the signed-in user's enrolment: a new secret, returned this once, in
   * clear and as the otpauth URI an app reads from a QR code. Refused once a factor is confirmed.
   */
  async enroll(actor: Actor | null): Promise<TotpEnrollmentResult> {
    const { userId } = requireActor(actor);
    return this.commands.run({ actor, operation: 'enrollTotp' }, async (ctx) => {
      const user = await ctx.em.getRepository(UserEntity).findOne({ where: { id: userId } });
      if (!user) throw notFound('User', userId, 'USER_NOT_FOUND');
      const secret = newTotpSecret();
      const rows = await ctx.em.query(
        `INSERT INTO totp_factors (user_id, secret_sealed, created_at, confirmed_at, last_used_step) VALUES ($1, $2, $3, NULL, NULL)
         ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, created_at = EXCLUDED.created_at, last_used_step = NULL
         WHERE totp_factors.confirmed_at IS NULL
         RETURNING user_id`,
        [userId, sealSecret(this.keyBytes(), secret, context(userId)), ctx.now],
      );
      if (rows.length === 0) {
        throw conflict('You already have a second factor; if you lost it, the secretariat resets it (resetTotp)', 'TOTP_ALREADY_ENROLLED');
      }
      ctx.target('User', userId);
      return { secret: base32Encode(secret), otpauthUri: otpauthUri(secret, user.email, TOTP_ISSUER) };
    });
  }

  /**
   * Confirms the enrolment with a code of the app: the factor is on, and the recovery codes are
   * returned this once (only their hashes are kept). The sign-in making the call now has its second
   * factor (an enrolment-only sign-in becomes a full one); the user's other sign-ins, made without
   * it, are revoked.
   */
  async confirm(actor: Actor | null, code: string): Promise<string[]> {
    const signedIn = requireActor(actor);
    const { userId } = signedIn;
    const reservation = await this.reserveAttempt(userId);
    try {
      const codes = await this.commands.run({ actor, operation: 'confirmTotp' }, async (ctx) => {
        const repo = ctx.em.getRepository(TotpFactorEntity);
        const factor = await repo.findOne({ where: { userId }, lock: { mode: 'pessimistic_write' } });
        if (!factor) throw conflict('Start with enrollTotp', 'TOTP_NOT_ENROLLED');
        if (factor.confirmedAt) throw conflict('Your second factor is already confirmed', 'TOTP_ALREADY_ENROLLED');
        const step = matchTotp(this.secretOf(factor), code.replace(/\s/g, ''), this.sessionClock.now(), null);
        if (step === null) throw badInput('code', 'The code does not match: enter the code your app shows now', INVALID_CODE);
        await repo.update({ userId }, { confirmedAt: ctx.now, lastUsedStep: step });
        const recovery = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
        await ctx.em.delete(RecoveryCodeEntity, { userId });
        await ctx.em.insert(
          RecoveryCodeEntity,
          recovery.map((c) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(c)!), usedAt: null })),
        );
        if (signedIn.signInId) {
          await ctx.em.update(SignInEntity, { id: signedIn.signInId, userId }, { scope: 'FULL', secondFactor: 'TOTP' });
        }
        await revokeSignInsOf(ctx.em, userId, ctx.now, signedIn.signInId);
        ctx.target('User', userId, { recoveryCodes: recovery.length });
        return recovery;
      });
      await this.limiter.release(reservation);
      return codes;
    } catch (error) {
      await this.settle(reservation, error);
      throw error;
    }
  }

  /**
   * The secretariat resets a user's lost factor: the factor and its recovery codes are gone and
   * every sign-in of the user is revoked; the user signs in again with the password alone and, if
   * their role requires one, enrols a new factor before anything else. Never one's own.
   */
  async reset(actor: Actor | null, userId: string): Promise<boolean> {
    const signedIn = requireRole(actor, 'SECRETARIAT');
    if (signedIn.userId === userId) {
      throw badInput('userId', 'Another member of the secretariat resets your second factor', 'SELF_RESET');
    }
    return this.commands.run({ actor, operation: 'resetTotp' }, async (ctx) => {
      const user = await ctx.em.getRepository(UserEntity).findOne({ where: { id: userId } });
      if (!user) throw notFound('User', userId, 'USER_NOT_FOUND');
      // Only a confirmed factor: a pending enrolment (enrollTotp, never confirmed) is no factor to
      // lose; its owner replaces it by enrolling again, and a reset would only end their sign-ins.
      const removed = await ctx.em
        .createQueryBuilder()
        .delete()
        .from(TotpFactorEntity)
        .where('user_id = :userId AND confirmed_at IS NOT NULL', { userId })
        .execute();
      if (!removed.affected) throw conflict('This user has no second factor to reset', 'NO_TOTP_FACTOR');
      await revokeSignInsOf(ctx.em, userId, ctx.now);
      ctx.target('User', userId, { email: user.email });
      return true;
    });
  }

  private claim(userId: string): Claim {
    return { key: `second-factor:${userId}`, rule: SECOND_FACTOR_FAILURES, what: 'wrong codes for this account' };
  }

  private secretOf(factor: TotpFactorEntity): Buffer {
    return openSecret(this.keyBytes(), factor.secretSealed, context(factor.userId));
  }

  // Resolved on first use: the worker, which never needs it, does not make one.
  private keyBytes(): Buffer {
    this.key ??= resolveMfaKey(this.config);
    return this.key;
  }
}

/** What a sealed secret is bound to: its user. */
function context(userId: string): string {
  return `totp:${userId}`;
}
