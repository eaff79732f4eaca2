import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { CommandRunner } from '../database/command-runner';
import { unauthenticated } from '../errors';
import { Clock, SessionClock } from '../clock/clock';
import { addressBucket, clientAddress } from '../rate-limit/client-address';
import { BackoffRule, RateLimitRule, RateLimiter, Reservation } from '../rate-limit/rate-limiter.service';
import { UserEntity } from '../users/user.entity';
import type { Actor } from './actor';
import { dummyHash, verifyPassword } from './passwords';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SecondFactorService } from './second-factor.service';
import { SignInEntity, SignInScope } from './sign-in.entity';
import { revokeSignInsOf } from './sign-ins';

// Throttling of failed sign-ins (OWASP Authentication Cheat Sheet; README, Sign-in). Every attempt
// is counted before its password is checked and given back if it succeeds:
// - per account and address, with exponential backoff: 5 attempts at once, then a wait of 1 minute
//   doubling to at most 15 minutes; forgotten a day after the last attempt. Someone guessing from
//   elsewhere never holds back the account's owner at their own address;
// - per address, across accounts: 20 in 15 minutes, so one address cannot try many accounts;
// - per account, across addresses: 100 in an hour, a ceiling against guessing spread over many
//   addresses, far above what the owner's mistakes reach. An address the account signed in from
//   in the last 30 days is spared it, so that such guessing does not lock the owner out either.
export const LOGIN_BACKOFF_PER_ACCOUNT_AND_ADDRESS: BackoffRule = {
  freeAttempts: 5,
  firstDelaySeconds: 60,
  maxDelaySeconds: 15 * 60,
  forgetAfterSeconds: 24 * 60 * 60,
};
export const LOGIN_FAILURES_PER_ADDRESS: RateLimitRule = { limit: 20, windowSeconds: 15 * 60 };
export const LOGIN_FAILURES_PER_ACCOUNT: RateLimitRule = { limit: 100, windowSeconds: 60 * 60 };
export const KNOWN_ADDRESS_DAYS = 30;

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserEntity;
  /** MFA_ENROLMENT: the sign-in may only enrol the second factor the user's role requires. */
  scope: SignInScope;
}

const BAD_CREDENTIALS = 'The email or password is incorrect';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly secondFactor: SecondFactorService,
    private readonly sessionClock: SessionClock,
  ) {}

  /**
   * Signs in with a password and, for a user with a second factor, a code of their app or a
   * recovery code (`code`). A user whose role requires a second factor (MFA_REQUIRED_ROLES) and
   * who has none gets a sign-in that may only enrol one (`scope` MFA_ENROLMENT).
   */
  async login(email: string, password: string, ip: string, code?: string | null): Promise<IssuedTokens> {
    const account = email.trim().toLowerCase();
    const address = clientAddress(ip);
    const bucket = addressBucket(ip);
    const known = await this.isKnownAddress(account, address);
    // Taken before the password is checked: however many requests arrive at once, no more
    // password checks run than the limits allow.
    const reservation = await this.limiter.reserve([
      {
        key: `login:account-address:${account}|${bucket}`,
        rule: LOGIN_BACKOFF_PER_ACCOUNT_AND_ADDRESS,
        what: 'failed sign-ins for this account from your address',
      },
      { key: `login:address:${bucket}`, rule: LOGIN_FAILURES_PER_ADDRESS, what: 'failed sign-ins from your address' },
      ...(known ? [] : [{ key: `login:account:${account}`, rule: LOGIN_FAILURES_PER_ACCOUNT, what: 'failed sign-ins for this account' }]),
    ]);

    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { email: account } });
    // Verify against a dummy hash for unknown emails: same time, same answer.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) {
      // The reservation stays: it was a failure.
      throw unauthenticated(BAD_CREDENTIALS, 'INVALID_CREDENTIALS');
    }

    const hasFactor = await this.secondFactor.hasFactor(user.id);
    if (hasFactor && !code?.trim()) {
      // The password was right: no failure. The client asks for the code and sends both again.
      await this.limiter.release(reservation);
      throw unauthenticated('Enter the code your authenticator app shows, or a recovery code', 'MFA_CODE_REQUIRED');
    }
    let codeAttempt: Reservation | null = null;
    if (hasFactor) {
      try {
        codeAttempt = await this.secondFactor.reserveAttempt(user.id);
      } catch (error) {
        await this.limiter.release(reservation);
        throw error;
      }
    }
    const scope: SignInScope = !hasFactor && this.secondFactor.isRequiredFor(user.role) ? 'MFA_ENROLMENT' : 'FULL';
    let tokens: IssuedTokens;
    // Sessions, tokens and second factors are never public: a sign-in (and a refresh, a sign-out)
    // leaves the public data's version, and with it the cache of public answers, alone.
    try {
      tokens = await this.commands.run({ actor: actorOf(user), operation: 'login', publicData: false }, async (ctx) => {
        const secondFactor = hasFactor ? await this.secondFactor.verifyAtLogin(ctx.em, user.id, code!, this.sessionClock.now()) : null;
        const signInId = randomUUID();
        ctx.target('User', user.id, { signInId, scope, secondFactor });
        await ctx.em.getRepository(SignInEntity).insert({
          id: signInId,
          userId: user.id,
          scope,
          secondFactor,
          address,
          createdAt: ctx.now,
          revokedAt: null,
        });
        return this.issue(ctx.em, user, signInId, scope, this.sessionClock.now());
      });
    } catch (error) {
      // A wrong code counts against the password's limits too; anything else was no failure of theirs.
      if (codeAttempt) await this.secondFactor.settle(codeAttempt, error);
      throw error;
    }
    await this.limiter.release(reservation);
    if (codeAttempt) await this.limiter.release(codeAttempt);
    return tokens;
  }

  /** Whether the account signed in from this very address lately (it is spared the account's ceiling). */
  private async isKnownAddress(account: string, address: string): Promise<boolean> {
    const since = new Date(this.clock.now().getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
    const rows = await this.dataSource.query(
      `SELECT 1 FROM users u JOIN sign_ins s ON s.user_id = u.id
        WHERE u.email = $1 AND s.address = $2 AND s.created_at > $3 LIMIT 1`,
      [account, address, since],
    );
    return rows.length > 0;
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already exchanged is a sign of
   * theft: the whole family descending from that sign-in is revoked.
   */
  async refresh(token: string): Promise<IssuedTokens> {
    const invalid = () => unauthenticated('The refresh token is invalid or expired', 'INVALID_REFRESH_TOKEN');
    const meta = { actor: null, operation: 'refreshToken', publicData: false } as const;
    const outcome = await this.commands.run(meta, async (ctx): Promise<IssuedTokens | 'reused'> => {
      const stored = await ctx.em
        .getRepository(RefreshTokenEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: hashToken(token) })
        .getOne();
      if (!stored || stored.revokedAt) throw invalid();
      if (stored.rotatedAt) {
        // Committed on purpose (the caller gets an error after the commit): the revocation
        // must outlive this request.
        ctx.target('User', stored.userId, { familyId: stored.familyId, reuseDetected: true });
        await this.revokeFamily(ctx.em, stored.familyId, ctx.now);
        return 'reused';
      }
      if (stored.expiresAt <= this.sessionClock.now()) throw invalid();
      const signIn = await ctx.em.getRepository(SignInEntity).findOne({ where: { id: stored.familyId } });
      if (!signIn || signIn.revokedAt) throw invalid();
      const user = await ctx.em.getRepository(UserEntity).findOne({ where: { id: stored.userId } });
      if (!user || !user.active) throw invalid();
      ctx.target('User', stored.userId, { familyId: stored.familyId });
      stored.rotatedAt = ctx.now;
      await ctx.em.save(stored);
      return this.issue(ctx.em, user, stored.familyId, signIn.scope, this.sessionClock.now());
    });
    if (outcome === 'reused') {
      throw unauthenticated('This refresh token was already used; every session from that sign-in is now revoked', 'REFRESH_TOKEN_REUSED');
    }
    return outcome;
  }

  /** Ends the session the refresh token belongs to (its whole family). */
  async logout(token: string): Promise<boolean> {
    const stored = await this.dataSource.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash: hashToken(token) } });
    if (!stored || stored.revokedAt) return false;
    return this.commands.run({ actor: null, operation: 'logout', publicData: false }, async (ctx) => {
      ctx.target('User', stored.userId, { familyId: stored.familyId });
      await this.revokeFamily(ctx.em, stored.familyId, ctx.now);
      return true;
    });
  }

  /** Revokes every sign-in of a user and their refresh tokens (deactivation). */
  async revokeAllOf(em: EntityManager, userId: string, now: Date): Promise<void> {
    await revokeSignInsOf(em, userId, now);
  }

  /** Revokes a sign-in: its access tokens stop at once, its refresh tokens with them. */
  private async revokeFamily(em: EntityManager, familyId: string, now: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update(SignInEntity)
      .set({ revokedAt: now })
      .where('id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    await em
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt: now })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }

  /** A new access token and refresh token of a sign-in (the refresh token's family). */
  private async issue(em: EntityManager, user: UserEntity, familyId: string, scope: SignInScope, now: Date): Promise<IssuedTokens> {
    const iat = Math.floor(now.getTime() / 1000);
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, role: user.role, sid: familyId, iat, exp: iat + ttl },
      { jwtid: randomUUID() },
    );
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await em.getRepository(RefreshTokenEntity).insert({
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      issuedAt: now,
      expiresAt: refreshTokenExpiresAt,
      rotatedAt: null,
      revokedAt: null,
    });
    return {
      accessToken,
      accessTokenExpiresAt: new Date((iat + ttl) * 1000),
      refreshToken,
      refreshTokenExpiresAt,
      user,
      scope,
    };
  }
}

export function actorOf(user: Pick<UserEntity, 'id' | 'role' | 'memberId'>): Actor {
  return { userId: user.id, role: user.role, memberId: user.memberId };
}
