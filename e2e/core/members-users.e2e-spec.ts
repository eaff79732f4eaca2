import { MemberEntity, Role, UserEntity } from '@app/core';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const CREATE_MEMBER = `mutation($input: CreateMemberInput!) { createMember(input: $input) { id code name joinedOn status version } }`;
const UPDATE_MEMBER = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { id name status version } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role active member { code } } }`;
const DEACTIVATE = `mutation($id: ID!) { deactivateUser(id: $id) { id active } }`;

describe('members and users', () => {
  let t: TestApp;
  let secretariat: string;
  let tokens: Record<Exclude<Role, 'SECRETARIAT'>, string>;
  let pak: MemberEntity;

  const counts = async () => {
    const [row] = await t.db.query(
      'SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM audit_log)::int AS audit',
    );
    return row as { members: number; users: number; audit: number };
  };

  beforeAll(async () => {
    t = await startTestApp();
    pak = await createMember(t.db, { code: 'PAK', name: 'Pakistan' });
    const sec = await createUser(t.db, { role: 'SECRETARIAT' });
    const del = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: pak.id });
    const pan = await createUser(t.db, { role: 'PANELIST' });
    secretariat = t.tokenFor(sec);
    tokens = { MEMBER_DELEGATE: t.tokenFor(del), PANELIST: t.tokenFor(pan) };
  });
  afterAll(() => t.close());

  describe('createMember', () => {
    const input = { code: 'uzb', name: 'Uzbekistan', joinedOn: '2025-05-05' };

    it('lets the secretariat admit a member, normalising the code, and audits it', async () => {
      const before = await counts();
      const res = await t.gql(CREATE_MEMBER, { input }, secretariat);
      expect(res.errors).toBeUndefined();
      expect(res.data!.createMember).toMatchObject({
        code: 'UZB',
        name: 'Uzbekistan',
        joinedOn: '2025-05-05',
        status: 'ACTIVE',
        version: 1,
      });
      const after = await counts();
      expect(after.audit).toBe(before.audit + 1);
      const [audit] = await t.db.query('SELECT operation, target_type, target_id FROM audit_log ORDER BY seq DESC LIMIT 1');
      expect(audit).toEqual({ operation: 'createMember', target_type: 'Member', target_id: res.data!.createMember.id });
    });

    it.each(['MEMBER_DELEGATE', 'PANELIST'] as const)('is FORBIDDEN to a %s', async (role) => {
      const before = await counts();
      const res = await t.gql(CREATE_MEMBER, { input: { ...input, code: 'VNM' } }, tokens[role]);
      expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
      expect(await counts()).toEqual(before);
    });

    it('is UNAUTHENTICATED without a sign-in', async () => {
      const res = await t.gql(CREATE_MEMBER, { input: { ...input, code: 'VNM' } });
      expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a duplicate code with CONFLICT naming the field, and writes nothing', async () => {
      const before = await counts();
      const res = await t.gql(CREATE_MEMBER, { input: { ...input, code: 'PAK' } }, secretariat);
      expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'code' });
      expect(res.errors![0].message).toMatch(/code already exists/);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['a malformed code', { code: 'PK' }, 'input.code'],
      ['a code that is not an assigned country', { code: 'XXX' }, 'input.code'],
      ['an empty name', { name: '   ' }, 'input.name'],
      ['an impossible date', { joinedOn: '2025-02-30' }, 'input.joinedOn'],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, change, field) => {
      const before = await counts();
      const res = await t.gql(CREATE_MEMBER, { input: { ...input, code: 'EGY', ...change } }, secretariat);
      expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      if (field !== 'input.joinedOn') expect(res.errors![0].extensions.field).toBe(field);
      expect(res.errors![0].message).toMatch(new RegExp(field.split('.').pop()!));
      expect(await counts()).toEqual(before);
    });

    it('refuses unknown input fields', async () => {
      const res = await t.gql(CREATE_MEMBER, { input: { ...input, code: 'EGY', admin: true } }, secretariat);
      expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('updateMember', () => {
    it('updates with the current version and refuses a stale one with CONFLICT', async () => {
      const member = await createMember(t.db, { code: 'SRB', name: 'Serbia' });
      const ok = await t.gql(UPDATE_MEMBER, { input: { id: member.id, version: member.version, status: 'SUSPENDED' } }, secretariat);
      expect(ok.data!.updateMember).toMatchObject({ status: 'SUSPENDED', version: member.version + 1 });
      const stale = await t.gql(UPDATE_MEMBER, { input: { id: member.id, version: member.version, name: 'Other' } }, secretariat);
      expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', domainCode: 'STALE_VERSION' });
    });

    it.each(['MEMBER_DELEGATE', 'PANELIST'] as const)('is FORBIDDEN to a %s', async (role) => {
      const res = await t.gql(UPDATE_MEMBER, { input: { id: pak.id, version: pak.version, name: 'X' } }, tokens[role]);
      expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
    });

    it('answers NOT_FOUND for an unknown member', async () => {
      const res = await t.gql(UPDATE_MEMBER, { input: { id: '00000000-0000-4000-8000-000000000000', version: 1, name: 'X' } }, secretariat);
      expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('members (public)', () => {
    it('lists members without a sign-in, paginated by cursor with a bounded page size', async () => {
      const first = await t.gql('{ members(first: 1) { nodes { code } pageInfo { hasNextPage endCursor } } }');
      expect(first.data!.members.nodes).toHaveLength(1);
      expect(first.data!.members.pageInfo.hasNextPage).toBe(true);
      const next = await t.gql('query($after: String) { members(first: 100, after: $after) { nodes { code } } }', {
        after: first.data!.members.pageInfo.endCursor,
      });
      expect(next.data!.members.nodes.map((m: { code: string }) => m.code)).not.toContain(first.data!.members.nodes[0].code);
      const tooMany = await t.gql('{ members(first: 101) { nodes { code } } }');
      expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      const badCursor = await t.gql('{ members(after: "garbage") { nodes { code } } }');
      expect(badCursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('finds one member by code', async () => {
      const res = await t.gql('{ member(code: "pak") { name } }');
      expect(res.data!.member.name).toBe('Pakistan');
      const missing = await t.gql('{ member(code: "ZZZ") { name } }');
      expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('createUser and deactivateUser', () => {
    const input = {
      email: 'New.Delegate@PAK.test',
      displayName: 'New delegate',
      role: 'MEMBER_DELEGATE',
      memberCode: 'PAK',
      password: 'a long enough password',
    };

    it('creates a delegate for a member, storing the email in lower case and the password hashed', async () => {
      const res = await t.gql(CREATE_USER, { input }, secretariat);
      expect(res.errors).toBeUndefined();
      expect(res.data!.createUser).toMatchObject({
        email: 'new.delegate@pak.test',
        role: 'MEMBER_DELEGATE',
        active: true,
        member: { code: 'PAK' },
      });
      const [row] = await t.db.query('SELECT password_hash FROM users WHERE email = $1', ['new.delegate@pak.test']);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    });

    it('refuses the same email in another case with CONFLICT naming the field', async () => {
      const before = await counts();
      const res = await t.gql(CREATE_USER, { input: { ...input, email: 'NEW.DELEGATE@pak.TEST' } }, secretariat);
      expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['a malformed email', { email: 'not-an-email' }, 'input.email'],
      ['a short password', { password: 'short' }, 'input.password'],
      ['a delegate without a member', { memberCode: undefined }, 'input.memberCode'],
      ['an unknown member', { memberCode: 'ZZZ', email: 'x@y.test' }, 'input.memberCode'],
      ['a member for a panelist', { role: 'PANELIST', email: 'p@y.test' }, 'input.memberCode'],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, change, field) => {
      const before = await counts();
      const res = await t.gql(CREATE_USER, { input: { ...input, email: 'fresh@pak.test', ...change } }, secretariat);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await counts()).toEqual(before);
    });

    it.each(['MEMBER_DELEGATE', 'PANELIST'] as const)('createUser and deactivateUser are FORBIDDEN to a %s', async (role) => {
      const victim = await createUser(t.db, { role: 'PANELIST' });
      const create = await t.gql(CREATE_USER, { input: { ...input, email: `${role}@x.test` } }, tokens[role]);
      expect(create.errors![0].extensions.code).toBe('FORBIDDEN');
      const deactivate = await t.gql(DEACTIVATE, { id: victim.id }, tokens[role]);
      expect(deactivate.errors![0].extensions.code).toBe('FORBIDDEN');
      const [row] = await t.db.query('SELECT active FROM users WHERE id = $1', [victim.id]);
      expect(row.active).toBe(true);
    });

    it('deactivates a user, who can then no longer act', async () => {
      const victim: UserEntity = await createUser(t.db, { role: 'PANELIST' });
      const token = t.tokenFor(victim);
      expect((await t.gql('{ me { id } }', {}, token)).data!.me.id).toBe(victim.id);
      const res = await t.gql(DEACTIVATE, { id: victim.id }, secretariat);
      expect(res.data!.deactivateUser).toEqual({ id: victim.id, active: false });
      expect((await t.gql('{ me { id } }', {}, token)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('lists users for the secretariat only', async () => {
      const ok = await t.gql('{ users(first: 100) { nodes { email } } }', {}, secretariat);
      expect(ok.data!.users.nodes.length).toBeGreaterThan(2);
      const refused = await t.gql('{ users { nodes { email } } }', {}, tokens.PANELIST);
      expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
    });
  });
});
