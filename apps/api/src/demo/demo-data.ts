import { DataSource } from 'typeorm';
import { CommandRunner, MemberEntity, UserEntity, hashPassword } from '@app/core';
import type { Role } from '@app/core';

/** Members of the demo registry: states along the Belt and Road routes. */
export const DEMO_MEMBERS: { code: string; name: string; joinedOn: string }[] = [
  { code: 'CHN', name: 'China', joinedOn: '2025-01-15' },
  { code: 'PAK', name: 'Pakistan', joinedOn: '2025-01-15' },
  { code: 'KAZ', name: 'Kazakhstan', joinedOn: '2025-01-15' },
  { code: 'IDN', name: 'Indonesia', joinedOn: '2025-01-15' },
  { code: 'MYS', name: 'Malaysia', joinedOn: '2025-02-03' },
  { code: 'THA', name: 'Thailand', joinedOn: '2025-02-03' },
  { code: 'EGY', name: 'Egypt', joinedOn: '2025-03-10' },
  { code: 'KEN', name: 'Kenya', joinedOn: '2025-03-10' },
  { code: 'HUN', name: 'Hungary', joinedOn: '2025-04-22' },
  { code: 'SRB', name: 'Serbia', joinedOn: '2025-04-22' },
  { code: 'UZB', name: 'Uzbekistan', joinedOn: '2025-05-05' },
  { code: 'VNM', name: 'Viet Nam', joinedOn: '2025-06-30' },
];

/** Demo sign-ins, printed at start-up. Never loaded in production. */
export const DEMO_USERS: { email: string; displayName: string; role: Role; memberCode?: string; password: string }[] = [
  { email: 'registrar@demo.dsb', displayName: 'Registrar (demo)', role: 'SECRETARIAT', password: 'registrar-demo-2026' },
  { email: 'delegate.chn@demo.dsb', displayName: 'Delegate of China (demo)', role: 'MEMBER_DELEGATE', memberCode: 'CHN', password: 'delegate-demo-2026' },
  { email: 'delegate.pak@demo.dsb', displayName: 'Delegate of Pakistan (demo)', role: 'MEMBER_DELEGATE', memberCode: 'PAK', password: 'delegate-demo-2026' },
  { email: 'delegate.kaz@demo.dsb', displayName: 'Delegate of Kazakhstan (demo)', role: 'MEMBER_DELEGATE', memberCode: 'KAZ', password: 'delegate-demo-2026' },
  { email: 'panelist@demo.dsb', displayName: 'Panelist (demo)', role: 'PANELIST', password: 'panelist-demo-2026' },
];

/**
 * Loads the demo data set into an empty database and says whether it did. A database that holds
 * any member or user is left alone.
 */
export async function loadDemoDataIfEmpty(dataSource: DataSource, commands: CommandRunner): Promise<boolean> {
  const [{ count }] = await dataSource.query(
    'SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM users) AS count',
  );
  if (Number(count) > 0) return false;
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  await commands.run({ actor: null, operation: 'loadDemoData' }, async (ctx) => {
    const members = await ctx.em.getRepository(MemberEntity).save(
      DEMO_MEMBERS.map((m) => ctx.em.create(MemberEntity, { ...m, status: 'ACTIVE' })),
    );
    const byCode = new Map(members.map((m) => [m.code, m.id]));
    await ctx.em.getRepository(UserEntity).save(
      DEMO_USERS.map((u, i) =>
        ctx.em.create(UserEntity, {
          email: u.email,
          displayName: u.displayName,
          role: u.role,
          memberId: u.memberCode ? (byCode.get(u.memberCode) ?? null) : null,
          passwordHash: hashes[i],
          active: true,
        }),
      ),
    );
    ctx.target('DemoData', 'v1', { members: members.length, users: DEMO_USERS.length });
  });
  return true;
}
