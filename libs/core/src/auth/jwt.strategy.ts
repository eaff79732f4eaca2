import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { VerifyOptions, verify } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { SessionClock } from '../clock/clock';
import { EntityRows } from '../database/entity-rows';
import { UserEntity } from '../users/user.entity';
import type { Actor, Role } from './actor';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, JwtSecret } from './jwt-settings';
import { VerifiedTokens } from './verified-tokens';

/** Tokens whose check is kept (VerifiedTokens): far more than the sign-ins live within 15 minutes. */
const VERIFIED_TOKENS = 10_000;

interface AccessClaims {
  sub: string;
  role: Role;
  /** The sign-in the token came from (sign_ins.id). */
  sid?: string;
  exp: number;
  nbf?: number;
  iat: number;
}

/**
 * Verifies access tokens: signature with the one pinned algorithm (so `alg: none` or a key
 * confusion fails), issuer and audience. Expiry is checked against the injectable clock; the
 * sign-in the token names must be the user's and not revoked, and the user must still exist and
 * be active, so a logout, a reused refresh token or a deactivation takes effect at once. A token
 * that names no sign-in is refused: even the signing secret alone does not make a usable token.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    secret: JwtSecret,
    private readonly clock: SessionClock,
    private readonly dataSource: DataSource,
  ) {
    // A KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a PEM
    // public key on every verification (and fails), which costs more than the HMAC itself.
    const key = createSecretKey(Buffer.from(secret.value));
    const options = {
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: true,
    } satisfies VerifyOptions;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken as is; its types only lag behind (string | Buffer).
      secretOrKey: key as unknown as Buffer,
      ...options,
    });
    this.tokenOf = ExtractJwt.fromAuthHeaderAsBearerToken();
    // The same check as passport-jwt's (jsonwebtoken with these options), kept per token.
    this.verified = new VerifiedTokens(VERIFIED_TOKENS, (token) => verify(token, key, options) as unknown as AccessClaims);
    this.users = new EntityRows(dataSource, UserEntity, '', ['id', 'role', 'memberId', 'active', 'language']);
  }

  private readonly tokenOf: (request: Request) => string | null;
  private readonly verified: VerifiedTokens<AccessClaims>;

  /**
   * passport-jwt's `authenticate`, but for the signature check, which is done once per token
   * (VerifiedTokens) instead of on every request; everything else as it does: no token or a token
   * that fails the check is a failure, then `validate` (expiry, the sign-in, the user) decides, and
   * its error (the database unreachable) is an error, not a failure. Passport calls it on an object
   * whose prototype is this strategy, with its own success, fail and error.
   */
  override authenticate(request: Request): void {
    const token = this.tokenOf(request);
    if (!token) return this.fail(new Error('No auth token'), 401);
    let claims: AccessClaims;
    try {
      claims = this.verified.claimsOf(token);
    } catch (error) {
      return this.fail(error, 401);
    }
    this.validate(claims).then(
      (actor) => (actor ? this.success(actor) : this.fail(undefined, 401)),
      (error: Error) => this.error(error),
    );
  }

  private readonly users: EntityRows<UserEntity, 'id' | 'role' | 'memberId' | 'active' | 'language'>;

  async validate(claims: Readonly<AccessClaims>): Promise<Actor | false> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now) return false;
    if (typeof claims.nbf === 'number' && claims.nbf > now) return false;
    // A subject or sign-in that is no id is a bad token, not a query for the database to refuse.
    if (typeof claims.sub !== 'string' || !isUUID(claims.sub)) return false;
    if (typeof claims.sid !== 'string' || !isUUID(claims.sid)) return false;
    // Hand-written: this runs on every signed-in request (EntityRows). One statement, two
    // primary-key lookups: the sign-in, live and the subject's, and its user.
    const [row] = await this.dataSource.query(
      `SELECT ${this.users.select('u')}, s.scope AS s_scope FROM users u JOIN sign_ins s ON s.user_id = u.id
        WHERE u.id = $1 AND s.id = $2 AND s.revoked_at IS NULL`,
      [claims.sub, claims.sid],
    );
    if (!row) return false;
    const user = this.users.from(row);
    if (!user.active) return false;
    // The language preference comes with the user, so that a request's language costs no query.
    const actor: Actor = { userId: user.id, role: user.role, memberId: user.memberId, signInId: claims.sid, language: user.language };
    if (row.s_scope === 'MFA_ENROLMENT') actor.mfaEnrolmentOnly = true;
    return actor;
  }
}
