import { EntityManager } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SignInEntity } from './sign-in.entity';

/**
 * Revokes every sign-in of a user but `except` (the one making the change, if it stays), and
 * their refresh tokens: their access tokens stop at once (jwt.strategy.ts reads the sign-in).
 */
export async function revokeSignInsOf(em: EntityManager, userId: string, now: Date, except?: string): Promise<void> {
  const signIns = em
    .createQueryBuilder()
    .update(SignInEntity)
    .set({ revokedAt: now })
    .where('user_id = :userId AND revoked_at IS NULL', { userId });
  if (except) signIns.andWhere('id <> :except', { except });
  await signIns.execute();
  const tokens = em
    .createQueryBuilder()
    .update(RefreshTokenEntity)
    .set({ revokedAt: now })
    .where('user_id = :userId AND revoked_at IS NULL', { userId });
  if (except) tokens.andWhere('family_id <> :except', { except });
  await tokens.execute();
}
