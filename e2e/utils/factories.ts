import { DataSource } from 'typeorm';
import { MemberEntity, Role, UserEntity, hashPassword } from '@app/core';

let counter = 0;
const unique = () => `${process.pid}${(counter += 1)}`;

// Hashing is slow by design (argon2id); factories share one hash for their default password.
export const DEFAULT_PASSWORD = 'correct horse battery staple';
let defaultHash: Promise<string> | null = null;

export async function createMember(db: DataSource, overrides: Partial<MemberEntity> = {}): Promise<MemberEntity> {
  const repo = db.getRepository(MemberEntity);
  return repo.save(repo.create({ code: 'CHN', name: 'China', joinedOn: '2025-01-01', status: 'ACTIVE', ...overrides }));
}

export async function createUser(db: DataSource, overrides: Partial<UserEntity> & { role: Role; password?: string }): Promise<UserEntity> {
  const { password, ...rest } = overrides;
  defaultHash ??= hashPassword(DEFAULT_PASSWORD);
  const passwordHash = password ? await hashPassword(password) : await defaultHash;
  const repo = db.getRepository(UserEntity);
  const user = await repo.save(
    repo.create({
      email: `user${unique()}@test.dsb`,
      displayName: `Test ${overrides.role}`,
      passwordHash,
      memberId: null,
      active: true,
      ...rest,
    }),
  );
  // The user's standing sign-in, which the tokens of `TestApp.tokenFor` name (its id is the user's):
  // access tokens are valid only with a live sign-in. It is a full one (scope FULL), as if the user
  // had signed in with whatever second factor MFA_REQUIRED_ROLES asks of their role: the suites of
  // other features stand for users already signed in, and keep the default (the secretariat needs a
  // factor). Signing in itself, second factor included, goes through `login` in e2e/core/auth*.
  await db.query('INSERT INTO sign_ins (id, user_id, created_at) VALUES ($1, $1, now())', [user.id]);
  return user;
}
