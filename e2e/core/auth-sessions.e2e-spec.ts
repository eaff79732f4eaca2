import { UserEntity } from '@app/core';
import { createUser, DEFAULT_PASSWORD } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

// Access tokens name the sign-in they came from (`sid`); revoking the sign-in stops them at once,
// not when they expire (README, Sign-in).

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const LOGOUT = `mutation($t: String!) { logout(refreshToken: $t) }`;
const ME = '{ me { email } }';

interface Session {
  accessToken: string;
  refreshToken: string;
}

describe('sign-ins and their access tokens', () => {
  let t: TestApp;
  let panelist: UserEntity;
  let secretariat: UserEntity;
  beforeAll(async () => {
    t = await startTestApp();
    panelist = await createUser(t.db, { role: 'PANELIST', email: 'panelist@sessions.test' });
    secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
  });
  afterAll(() => t.close());

  const signIn = async (): Promise<Session> => {
    const res = await t.gql(LOGIN, { email: panelist.email, password: DEFAULT_PASSWORD });
    expect(res.errors).toBeUndefined();
    return res.data!.login;
  };
  const works = async (token: string) => (await t.gql(ME, {}, token)).data?.me?.email === panelist.email;
  const refusal = async (token: string) => (await t.gql(ME, {}, token)).errors?.[0]?.extensions;

  it('name their sign-in', async () => {
    const session = await signIn();
    const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString());
    const [row] = await t.db.query('SELECT user_id, revoked_at FROM sign_ins WHERE id = $1', [claims.sid]);
    expect(row).toEqual({ user_id: panelist.id, revoked_at: null });
    const [family] = await t.db.query('SELECT DISTINCT family_id FROM refresh_tokens WHERE family_id = $1', [claims.sid]);
    expect(family.family_id).toBe(claims.sid);
  });

  it('stop at logout, at once; another sign-in of the same user goes on', async () => {
    const session = await signIn();
    const other = await signIn();
    expect(await works(session.accessToken)).toBe(true);
    expect((await t.gql(LOGOUT, { t: session.refreshToken })).data!.logout).toBe(true);
    expect(await refusal(session.accessToken)).toMatchObject({ code: 'UNAUTHENTICATED', domainCode: 'INVALID_TOKEN' });
    expect(await works(other.accessToken)).toBe(true);
  });

  it("stop when a reused refresh token revokes their sign-in: the thief's and the owner's", async () => {
    const first = await signIn();
    const second = (await t.gql(REFRESH, { t: first.refreshToken })).data!.refreshToken as Session;
    expect(await works(first.accessToken)).toBe(true);
    expect(await works(second.accessToken)).toBe(true);
    const reuse = await t.gql(REFRESH, { t: first.refreshToken });
    expect(reuse.errors![0].extensions.domainCode).toBe('REFRESH_TOKEN_REUSED');
    expect(await refusal(first.accessToken)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(second.accessToken)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('stop when the secretariat deactivates the user, and so do their refresh tokens', async () => {
    const leaving = await createUser(t.db, { role: 'PANELIST', email: 'leaving@sessions.test' });
    const session = (await t.gql(LOGIN, { email: leaving.email, password: DEFAULT_PASSWORD })).data!.login as Session;
    const res = await t.gql(`mutation($id: ID!) { deactivateUser(id: $id) { active } }`, { id: leaving.id }, t.tokenFor(secretariat));
    expect(res.data!.deactivateUser.active).toBe(false);
    expect(await refusal(session.accessToken)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await t.gql(REFRESH, { t: session.refreshToken })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const rows = await t.db.query('SELECT revoked_at FROM sign_ins WHERE user_id = $1', [leaving.id]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: { revoked_at: Date | null }) => r.revoked_at !== null)).toBe(true);
  });

  it('are checked with the user in one statement per request', async () => {
    const session = await signIn();
    const spy = jest.spyOn(t.db, 'query');
    try {
      expect(await works(session.accessToken)).toBe(true);
      const checks = spy.mock.calls.filter(([sql]) => /sign_ins/.test(String(sql)));
      expect(checks).toHaveLength(1);
      expect(String(checks[0][0])).toMatch(/FROM users u JOIN sign_ins s/);
    } finally {
      spy.mockRestore();
    }
  });

  it('keep the user out on a public operation once revoked: they are anonymous there', async () => {
    const session = await signIn();
    await t.gql(LOGOUT, { t: session.refreshToken });
    const res = await t.gql('{ members(first: 1) { nodes { code } } }', {}, session.accessToken);
    expect(res.errors).toBeUndefined();
  });
});
