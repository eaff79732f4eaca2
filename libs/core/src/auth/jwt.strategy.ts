import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { SessionClock } from '../clock/clock';
import { EntityRows } from '../database/entity-rows';
import { UserEntity } from '../users/user.entity';
import type { Actor, Role } from './actor';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, JwtSecret } from './jwt-settings';

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
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a PEM
      // public key on every verification (and fails), which costs more than the HMAC itself.
      // passport-jwt hands the key to jsonwebtoken as is; its types only lag behind (string | Buffer).
      secretOrKey: createSecretKey(Buffer.from(secret.value)) as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: true,
    });
    this.users = new EntityRows(dataSource, UserEntity, '', ['id', 'role', 'memberId', 'active', 'language']);
  }

  private readonly users: EntityRows<UserEntity, 'id' | 'role' | 'memberId' | 'active' | 'language'>;

  async validate(claims: AccessClaims): Promise<Actor | false> {
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
