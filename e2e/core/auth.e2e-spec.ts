import { createHmac } from 'node:crypto';
import { MemberEntity, UserEntity } from '@app/core';
import { createMember, createUser, DEFAULT_PASSWORD } from '../utils/factories';
import { TEST_JWT_SECRET, TestApp, startTestApp } from '../utils/test-app';

const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt
    user { email role member { code } }
  }
}`;
const REFRESH = `mutation Refresh($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const LOGOUT = `mutation Logout($t: String!) { logout(refreshToken: $t) }`;
const ME = '{ me { email role active } }';

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signHs256(header: object, payload: object, secret = TEST_JWT_SECRET): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('sign-in', () => {
  let t: TestApp;
  let member: MemberEntity;
  let delegate: UserEntity;

  beforeAll(async () => {
    t = await startTestApp();
    member = await createMember(t.db, { code: 'KAZ', name: 'Kazakhstan' });
    delegate = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id, email: 'delegate@kaz.test' });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.gql(LOGIN, { email, password });

  it('signs in with the email in any case and returns a short-lived token and a refresh token', async () => {
    const res = await login('Delegate@KAZ.test', DEFAULT_PASSWORD);
    expect(res.errors).toBeUndefined();
    const payload = res.data!.login;
    expect(payload.user).toEqual({ email: 'delegate@kaz.test', role: 'MEMBER_DELEGATE', member: { code: 'KAZ' } });
    const lifetime = new Date(payload.accessTokenExpiresAt).getTime() - t.clock.now().getTime();
    expect(lifetime).toBeLessThanOrEqual(15 * 60 * 1000);
    expect(lifetime).toBeGreaterThan(0);
    const header = JSON.parse(Buffer.from(payload.accessToken.split('.')[0], 'base64url').toString());
    expect(header.alg).toBe('HS256');
    const me = await t.gql(ME, {}, payload.accessToken);
    expect(me.data!.me).toEqual({ email: 'delegate@kaz.test', role: 'MEMBER_DELEGATE', active: true });
    // Only the hash of the refresh token is stored.
    const rows = await t.db.query('SELECT token_hash FROM refresh_tokens');
    expect(rows.map((r: { token_hash: string }) => r.token_hash)).not.toContain(payload.refreshToken);
  });

  it('gives the same UNAUTHENTICATED answer for an unknown email and a wrong password', async () => {
    const unknown = await login('nobody@kaz.test', DEFAULT_PASSWORD);
    const wrong = await login('delegate@kaz.test', 'not the password at all');
    expect(unknown.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0].extensions).toEqual(unknown.errors![0].extensions);
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
    expect(unknown.data).toBeNull();
  });

  it('refuses a deactivated user at sign-in, at refresh and with a token issued before', async () => {
    const user = await createUser(t.db, { role: 'PANELIST', email: 'leaving@test.dsb' });
    const first = (await login('leaving@test.dsb', DEFAULT_PASSWORD)).data!.login;
    await t.db.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
    expect((await login('leaving@test.dsb', DEFAULT_PASSWORD)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(REFRESH, { t: first.refreshToken })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(ME, {}, first.accessToken)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('throttles repeated failures for one account from one address, even with the right password afterwards', async () => {
    await createUser(t.db, { role: 'PANELIST', email: 'target@test.dsb' });
    for (let i = 0; i < 5; i += 1) {
      expect((await login('target@test.dsb', `wrong-${i}-password`)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await login('target@test.dsb', DEFAULT_PASSWORD);
    expect(blocked.errors![0].extensions.code).toBe('RATE_LIMITED');
    // The window passes: the account may try again.
    t.clock.advance(16 * 60 * 1000);
    expect((await login('target@test.dsb', DEFAULT_PASSWORD)).errors).toBeUndefined();
  });

  it('throttles one address trying many accounts', async () => {
    t.clock.advance(16 * 60 * 1000);
    let last;
    for (let i = 0; i < 21; i += 1) last = await login(`spray${i}@test.dsb`, 'wrong password 123');
    expect(last!.errors![0].extensions.code).toBe('RATE_LIMITED');
    t.clock.advance(16 * 60 * 1000);
  });

  it('rotates the refresh token, and a reused one revokes the whole family', async () => {
    const first = (await login('delegate@kaz.test', DEFAULT_PASSWORD)).data!.login;
    const second = (await t.gql(REFRESH, { t: first.refreshToken })).data!.refreshToken;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await t.gql(ME, {}, second.accessToken)).data!.me.email).toBe('delegate@kaz.test');

    const reuse = await t.gql(REFRESH, { t: first.refreshToken });
    expect(reuse.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', domainCode: 'REFRESH_TOKEN_REUSED' });
    // The legitimate successor is revoked too: the family is gone.
    const after = await t.gql(REFRESH, { t: second.refreshToken });
    expect(after.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    // Another sign-in of the same user is a different family and still works.
    const other = (await login('delegate@kaz.test', DEFAULT_PASSWORD)).data!.login;
    expect((await t.gql(REFRESH, { t: other.refreshToken })).errors).toBeUndefined();
  });

  it('refuses an expired refresh token', async () => {
    const session = (await login('delegate@kaz.test', DEFAULT_PASSWORD)).data!.login;
    t.clock.advanceDays(15);
    const res = await t.gql(REFRESH, { t: session.refreshToken });
    expect(res.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', domainCode: 'INVALID_REFRESH_TOKEN' });
  });

  it('logout ends the session of its refresh token', async () => {
    const session = (await login('delegate@kaz.test', DEFAULT_PASSWORD)).data!.login;
    expect((await t.gql(LOGOUT, { t: session.refreshToken })).data!.logout).toBe(true);
    expect((await t.gql(REFRESH, { t: session.refreshToken })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  describe('access tokens', () => {
    const now = () => Math.floor(t.clock.now().getTime() / 1000);
    // The delegate's standing sign-in (factories: createUser): every token names its sign-in.
    const claims = () => ({
      sub: delegate.id,
      role: delegate.role,
      sid: delegate.id,
      iat: now(),
      exp: now() + 600,
      iss: 'dispute-body',
      aud: 'dispute-body-api',
    });
    const expectRefused = async (token: string) => {
      const res = await t.gql(ME, {}, token);
      expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect(res.data).toBeNull();
    };

    it('accepts a well-formed token (the control case)', async () => {
      const res = await t.gql(ME, {}, signHs256({ alg: 'HS256', typ: 'JWT' }, claims()));
      expect(res.data!.me.email).toBe('delegate@kaz.test');
    });

    it('refuses an expired token, by the injectable clock', async () => {
      const token = t.tokenFor(delegate);
      t.clock.advance(901 * 1000);
      await expectRefused(token);
    });

    it('refuses a token it accepted before once expired: only the signature check is kept per token', async () => {
      const token = t.tokenFor(delegate);
      expect((await t.gql(ME, {}, token)).data!.me.email).toBe('delegate@kaz.test');
      t.clock.advance(901 * 1000);
      await expectRefused(token);
    });

    it('refuses a tampered token', async () => {
      const [h, , s] = t.tokenFor(delegate).split('.');
      await expectRefused(`${h}.${b64({ ...claims(), role: 'SECRETARIAT' })}.${s}`);
    });

    it('refuses alg: none', async () => {
      await expectRefused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`);
    });

    it('refuses a wrong audience or issuer', async () => {
      await expectRefused(signHs256({ alg: 'HS256' }, { ...claims(), aud: 'someone-else' }));
      await expectRefused(signHs256({ alg: 'HS256' }, { ...claims(), iss: 'someone-else' }));
    });

    it('refuses a token signed with another secret', async () => {
      await expectRefused(signHs256({ alg: 'HS256' }, claims(), 'x'.repeat(48)));
    });

    it("refuses a token that names no sign-in, an unknown one or another user's", async () => {
      const { sid: _sid, ...withoutSid } = claims();
      await expectRefused(signHs256({ alg: 'HS256' }, withoutSid));
      await expectRefused(signHs256({ alg: 'HS256' }, { ...claims(), sid: '00000000-0000-4000-8000-000000000000' }));
      await expectRefused(signHs256({ alg: 'HS256' }, { ...claims(), sid: 'not-a-uuid' }));
      const other = await createUser(t.db, { role: 'PANELIST' });
      await expectRefused(signHs256({ alg: 'HS256' }, { ...claims(), sid: other.id }));
    });

    it('refuses a missing token on an operation that needs one', async () => {
      await expectRefused('');
    });
  });
});
