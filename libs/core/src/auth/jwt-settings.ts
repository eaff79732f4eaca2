export const JWT_ALGORITHM = 'HS256';
export const JWT_ISSUER = 'dispute-body';
export const JWT_AUDIENCE = 'dispute-body-api';

/** The signing secret, resolved at boot (configured, or generated and kept in embedded mode). */
export class JwtSecret {
  constructor(readonly value: string) {}
}
