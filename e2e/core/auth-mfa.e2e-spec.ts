import { MemberEntity, UserEntity, base32Decode, hotp, keyBytes, openSecret, totpStep } from '@app/core';
import { createMember, createUser, DEFAULT_PASSWORD } from '../utils/factories';
import { TEST_MFA_ENCRYPTION_KEY, TestApp, startTestApp } from '../utils/test-app';

// The second factor (README, Sign-in): TOTP enrolment, sign-in with a code or a recovery code,
// required of the roles of MFA_REQUIRED_ROLES (the secretariat by default), reset by the
// secretariat.

const LOGIN = `mutation($email: String!, $password: String!, $code: String) {
  login(email: $email, password: $password, code: $code) { accessToken refreshToken totpEnrollmentRequired user { email } }
}`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken totpEnrollmentRequired } }`;
const ENROLL = 'mutation { enrollTotp { secret otpauthUri } }';
const CONFIRM = 'mutation($code: String!) { confirmTotp(code: $code) { recoveryCodes } }';
const RESET = 'mutation($userId: ID!) { resetTotp(userId: $userId) }';
const ME = '{ me { email } }';
const USERS = '{ users(first: 5) { nodes { email } } }';

interface Payload {
  accessToken: string;
  refreshToken: string;
  totpEnrollmentRequired: boolean;
}

describe('second factor (MFA_REQUIRED_ROLES at its default, SECRETARIAT)', () => {
  let t: TestApp;
  let member: MemberEntity;
  let registrar: UserEntity;
  let deputy: UserEntity;
  let delegate: UserEntity;
  beforeAll(async () => {
    t = await startTestApp();
    member = await createMember(t.db, { code: 'KAZ', name: 'Kazakhstan' });
    registrar = await createUser(t.db, { role: 'SECRETARIAT', email: 'registrar@mfa.test' });
    deputy = await createUser(t.db, { role: 'SECRETARIAT', email: 'deputy@mfa.test' });
    delegate = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id, email: 'delegate@mfa.test' });
  });
  afterAll(() => t.close());
  // The code tests run at their own pace; no test is held back by another's failures.
  afterEach(async () => {
    await t.db.query('DELETE FROM rate_limits');
  });

  const login = (email: string, code?: string) => t.gql<{ login: Payload }>(LOGIN, { email, password: DEFAULT_PASSWORD, code });
  const extensions = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;
  const codeAt = (secret: string, offsetSteps = 0) => hotp(base32Decode(secret), totpStep(t.clock.now()) + offsetSteps);

  /** Enrols the signed-in user of `token`: the secret and the recovery codes. */
  async function enrol(token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
    const enrolled = await t.gql(ENROLL, {}, token);
    expect(enrolled.errors).toBeUndefined();
    const { secret } = enrolled.data!.enrollTotp;
    const confirmed = await t.gql(CONFIRM, { code: codeAt(secret) }, token);
    expect(confirmed.errors).toBeUndefined();
    return { secret, recoveryCodes: confirmed.data!.confirmTotp.recoveryCodes };
  }

  describe('a secretariat user without a factor', () => {
    let session: Payload;
    let secret: string;

    it('signs in only to enrol one', async () => {
      const res = await login(registrar.email);
      expect(res.errors).toBeUndefined();
      session = res.data!.login;
      expect(session.totpEnrollmentRequired).toBe(true);
      expect((await t.gql(ME, {}, session.accessToken)).data!.me.email).toBe(registrar.email);
      for (const operation of [
        USERS,
        `mutation { createUser(input: { email: "x@mfa.test", displayName: "X", role: PANELIST, password: "a long enough password" }) { id } }`,
      ]) {
        const refused = await t.gql(operation, {}, session.accessToken);
        expect(extensions(refused)).toMatchObject({ code: 'FORBIDDEN', domainCode: 'MFA_ENROLMENT_REQUIRED' });
      }
      // Refreshed, it is still only for enrolling.
      const refreshed = await t.gql(REFRESH, { t: session.refreshToken });
      expect(refreshed.data!.refreshToken.totpEnrollmentRequired).toBe(true);
      expect(extensions(await t.gql(USERS, {}, refreshed.data!.refreshToken.accessToken))).toMatchObject({
        domainCode: 'MFA_ENROLMENT_REQUIRED',
      });
      session = { ...session, accessToken: refreshed.data!.refreshToken.accessToken };
    });

    it('is anonymous on public operations, also beside an operation open to it', async () => {
      // A restricted filing: the secretariat sees it, anyone else not (it does not exist for them).
      const filer = t.tokenFor(delegate);
      await createMember(t.db, { code: 'PAK', name: 'Pakistan' });
      const filed = await t.gql(
        `mutation { requestConsultations(input: { respondents: ["PAK"], title: "T", measures: ["M"], legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`,
        {},
        filer,
      );
      const disputeId = filed.data!.requestConsultations.id;
      const doc = await t.gql(
        `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`,
        {
          input: {
            disputeId,
            kind: 'NOTIFICATION',
            classification: 'RESTRICTED',
            title: 'Restricted notice',
            fileName: 'n.txt',
            mediaType: 'text/plain',
            content: Buffer.from('n').toString('base64'),
          },
        },
        filer,
      );
      const id = doc.data!.fileDocument.id;
      const READ = `query($id: ID!) { document(id: $id) { title } }`;
      expect((await t.gql(READ, { id }, t.tokenFor(deputy))).data!.document.title).toBe('Restricted notice');
      expect(extensions(await t.gql(READ, { id }, session.accessToken))).toMatchObject({ code: 'NOT_FOUND' });
      // In one operation with `me`, which sees the user, the list still does not.
      const LIST = '{ me { email } documents(first: 10) { nodes { title } } }';
      const both = await t.gql(LIST, {}, session.accessToken);
      expect(both.errors).toBeUndefined();
      expect(both.data!.me.email).toBe(registrar.email);
      expect(both.data!.documents.nodes).toEqual([]);
      expect((await t.gql(LIST, {}, t.tokenFor(deputy))).data!.documents.nodes).toEqual([{ title: 'Restricted notice' }]);
    });

    it('enrols: the secret once, in clear and as an otpauth URI, sealed in the database', async () => {
      const res = await t.gql(ENROLL, {}, session.accessToken);
      expect(res.errors).toBeUndefined();
      secret = res.data!.enrollTotp.secret;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(res.data!.enrollTotp.otpauthUri).toBe(
        `otpauth://totp/Dispute%20body:registrar%40mfa.test?secret=${secret}&issuer=Dispute%20body&algorithm=SHA1&digits=6&period=30`,
      );
      const [row] = await t.db.query('SELECT secret_sealed, confirmed_at FROM totp_factors WHERE user_id = $1', [registrar.id]);
      expect(row.confirmed_at).toBeNull();
      const bytes = base32Decode(secret);
      for (const form of [secret, bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')])
        expect(row.secret_sealed).not.toContain(form);
      expect(row.secret_sealed).toMatch(/^v1\./);
      // Enrolling again before confirming replaces the secret.
      const again = (await t.gql(ENROLL, {}, session.accessToken)).data!.enrollTotp.secret;
      expect(again).not.toBe(secret);
      expect(extensions(await t.gql(CONFIRM, { code: codeAt(secret) }, session.accessToken))).toMatchObject({
        code: 'BAD_USER_INPUT',
        domainCode: 'INVALID_TOTP_CODE',
        field: 'code',
      });
      secret = again;
    });

    it('confirms with a code of the app: ten recovery codes once, only their hashes kept, and the sign-in is a full one', async () => {
      expect(
        extensions(await t.gql(CONFIRM, { code: '000000' === codeAt(secret) ? '111111' : '000000' }, session.accessToken)),
      ).toMatchObject({ domainCode: 'INVALID_TOTP_CODE' });
      const res = await t.gql(CONFIRM, { code: codeAt(secret) }, session.accessToken);
      expect(res.errors).toBeUndefined();
      const codes: string[] = res.data!.confirmTotp.recoveryCodes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
      const stored = await t.db.query('SELECT code_hash, used_at FROM totp_recovery_codes WHERE user_id = $1', [registrar.id]);
      expect(stored).toHaveLength(10);
      const dump = JSON.stringify(await t.db.query('SELECT * FROM totp_recovery_codes'));
      for (const c of codes) {
        expect(dump).not.toContain(c);
        expect(dump).not.toContain(c.replace(/-/g, ''));
      }
      // The same sign-in may now do what the secretariat does.
      expect((await t.gql(USERS, {}, session.accessToken)).errors).toBeUndefined();
      // A factor is enrolled once; a lost one is reset by the secretariat.
      expect(extensions(await t.gql(ENROLL, {}, session.accessToken))).toMatchObject({
        code: 'CONFLICT',
        domainCode: 'TOTP_ALREADY_ENROLLED',
      });
      const audit = await t.db.query(`SELECT operation FROM audit_log WHERE target_id = $1 ORDER BY seq`, [registrar.id]);
      expect(audit.map((a: { operation: string }) => a.operation)).toEqual(expect.arrayContaining(['login', 'enrollTotp', 'confirmTotp']));
    });

    it('then signs in with a code of the app, never the same code twice', async () => {
      const without = await login(registrar.email);
      expect(extensions(without)).toMatchObject({ code: 'UNAUTHENTICATED', domainCode: 'MFA_CODE_REQUIRED' });
      // The code confirmTotp took is used.
      expect(extensions(await login(registrar.email, codeAt(secret)))).toMatchObject({
        code: 'UNAUTHENTICATED',
        domainCode: 'INVALID_TOTP_CODE',
      });
      t.clock.advance(30_000);
      const fresh = codeAt(secret);
      const ok = await login(registrar.email, fresh);
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.login.totpEnrollmentRequired).toBe(false);
      expect((await t.gql(USERS, {}, ok.data!.login.accessToken)).errors).toBeUndefined();
      // Replayed within its step: refused.
      expect(extensions(await login(registrar.email, fresh))).toMatchObject({ domainCode: 'INVALID_TOTP_CODE' });
      // A code one step ahead (a clock running fast) is taken, and then the current one no more.
      const ahead = await login(registrar.email, codeAt(secret, 1));
      expect(ahead.errors).toBeUndefined();
      expect(extensions(await login(registrar.email, codeAt(secret)))).toMatchObject({ domainCode: 'INVALID_TOTP_CODE' });
      // Two steps off: refused.
      t.clock.advance(60_000);
      expect(extensions(await login(registrar.email, codeAt(secret, 2)))).toMatchObject({ domainCode: 'INVALID_TOTP_CODE' });
      expect(extensions(await login(registrar.email, codeAt(secret, -2)))).toMatchObject({ domainCode: 'INVALID_TOTP_CODE' });
    });

    it('takes one code once even when it arrives twice at the same moment', async () => {
      t.clock.advance(30_000);
      const code = codeAt(secret);
      const both = await Promise.all([login(registrar.email, code), login(registrar.email, code), login(registrar.email, code)]);
      expect(both.filter((r) => !r.errors)).toHaveLength(1);
      expect(both.filter((r) => r.errors).map(extensions)).toEqual([
        expect.objectContaining({ domainCode: 'INVALID_TOTP_CODE' }),
        expect.objectContaining({ domainCode: 'INVALID_TOTP_CODE' }),
      ]);
    });

    it('is refused past 10 wrong codes an hour, even with the right one', async () => {
      t.clock.advance(30_000);
      for (let i = 0; i < 10; i += 1) {
        const wrong = String((Number(codeAt(secret)) + 1 + i) % 1_000_000).padStart(6, '0');
        expect(extensions(await t.gql(LOGIN, { email: registrar.email, password: DEFAULT_PASSWORD, code: wrong }))).toMatchObject({
          domainCode: 'INVALID_TOTP_CODE',
        });
        // The password's own limits are not what stops this test (5 per address, then backoff).
        await t.db.query(`DELETE FROM rate_limits WHERE key LIKE 'login:%'`);
      }
      expect(extensions(await login(registrar.email, codeAt(secret)))).toMatchObject({ code: 'RATE_LIMITED' });
      t.clock.advance(60 * 60 * 1000);
      expect((await login(registrar.email, codeAt(secret))).errors).toBeUndefined();
    });
  });

  describe('recovery codes', () => {
    it('sign in once each, typed in any case, with or without dashes', async () => {
      const user = await createUser(t.db, { role: 'SECRETARIAT', email: 'recovering@mfa.test' });
      const { recoveryCodes } = await enrol((await login(user.email)).data!.login.accessToken);
      const [first, second] = recoveryCodes;
      const ok = await login(user.email, first);
      expect(ok.errors).toBeUndefined();
      expect(extensions(await login(user.email, first))).toMatchObject({ domainCode: 'INVALID_TOTP_CODE' });
      expect((await login(user.email, second.toLowerCase().replace(/-/g, ' '))).errors).toBeUndefined();
      const used = await t.db.query('SELECT count(*)::int AS n FROM totp_recovery_codes WHERE user_id = $1 AND used_at IS NOT NULL', [
        user.id,
      ]);
      expect(used[0].n).toBe(2);
      const [signIns] = await t.db.query(`SELECT count(*)::int AS n FROM sign_ins WHERE user_id = $1 AND second_factor = 'RECOVERY_CODE'`, [
        user.id,
      ]);
      expect(signIns.n).toBe(2);
    });
  });

  describe('delegates and panelists', () => {
    it('sign in without one, and may enrol one: then it is required of them', async () => {
      const plain = await login(delegate.email);
      expect(plain.errors).toBeUndefined();
      expect(plain.data!.login.totpEnrollmentRequired).toBe(false);
      const other = (await login(delegate.email)).data!.login;
      const { secret: mine } = await enrol(plain.data!.login.accessToken);
      // Turning it on ends the sign-ins made without it; the one that turned it on goes on.
      expect((await t.gql(ME, {}, plain.data!.login.accessToken)).errors).toBeUndefined();
      expect(extensions(await t.gql(ME, {}, other.accessToken))).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(extensions(await login(delegate.email))).toMatchObject({ domainCode: 'MFA_CODE_REQUIRED' });
      t.clock.advance(30_000);
      expect((await login(delegate.email, codeAt(mine))).errors).toBeUndefined();
    });
  });

  describe('resetTotp', () => {
    it("is the secretariat's: not a delegate's, not for oneself, not for an unknown user or one without a factor", async () => {
      const otherDelegate = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
      expect(extensions(await t.gql(RESET, { userId: registrar.id }, t.tokenFor(otherDelegate)))).toMatchObject({
        code: 'FORBIDDEN',
        domainCode: 'ROLE_REQUIRED',
      });
      // (The registrar's own sign-ins ended when they turned their factor on: a clerk asks.)
      const clerk = await createUser(t.db, { role: 'SECRETARIAT' });
      expect(extensions(await t.gql(RESET, { userId: deputy.id }, t.tokenFor(deputy)))).toMatchObject({
        code: 'BAD_USER_INPUT',
        domainCode: 'SELF_RESET',
      });
      expect(extensions(await t.gql(RESET, { userId: '00000000-0000-4000-8000-000000000000' }, t.tokenFor(clerk)))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(extensions(await t.gql(RESET, { userId: deputy.id }, t.tokenFor(clerk)))).toMatchObject({
        code: 'CONFLICT',
        domainCode: 'NO_TOTP_FACTOR',
      });
      expect(extensions(await t.gql(RESET, { userId: 'nope' }, t.tokenFor(clerk)))).toMatchObject({ code: 'BAD_USER_INPUT' });
      // A pending enrolment (enrollTotp, never confirmed) is no factor: its owner replaces it, and
      // a reset would only end their sign-ins.
      const pending = await createUser(t.db, { role: 'PANELIST' });
      expect((await t.gql(ENROLL, {}, t.tokenFor(pending))).errors).toBeUndefined();
      expect(extensions(await t.gql(RESET, { userId: pending.id }, t.tokenFor(clerk)))).toMatchObject({
        code: 'CONFLICT',
        domainCode: 'NO_TOTP_FACTOR',
      });
      expect((await t.gql(ME, {}, t.tokenFor(pending))).errors).toBeUndefined();
      expect(await t.db.query('SELECT 1 FROM totp_factors WHERE user_id = $1', [pending.id])).toHaveLength(1);
      expect(await t.db.query(`SELECT 1 FROM audit_log WHERE operation = 'resetTotp'`)).toEqual([]);
    });

    it('removes a lost factor, ends every sign-in of the user at once, and is audited', async () => {
      t.clock.advance(30_000);
      const lost = await createUser(t.db, { role: 'SECRETARIAT', email: 'lost-phone@mfa.test' });
      const { secret: lostSecret } = await enrol((await login(lost.email)).data!.login.accessToken);
      t.clock.advance(30_000);
      const session = (await login(lost.email, codeAt(lostSecret))).data!.login;
      expect((await t.gql(USERS, {}, session.accessToken)).errors).toBeUndefined();

      const res = await t.gql(RESET, { userId: lost.id }, t.tokenFor(deputy));
      expect(res.data!.resetTotp).toBe(true);
      expect(extensions(await t.gql(ME, {}, session.accessToken))).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(extensions(await t.gql(REFRESH, { t: session.refreshToken }))).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await t.db.query('SELECT 1 FROM totp_factors WHERE user_id = $1', [lost.id])).toEqual([]);
      expect(await t.db.query('SELECT 1 FROM totp_recovery_codes WHERE user_id = $1', [lost.id])).toEqual([]);
      const [record] = await t.db.query(`SELECT actor_id, target_type, target_id, details FROM audit_log WHERE operation = 'resetTotp'`);
      expect(record).toMatchObject({ actor_id: deputy.id, target_type: 'User', target_id: lost.id, details: { email: lost.email } });
      // The password alone again: the secretariat's role requires a new factor first.
      const again = await login(lost.email);
      expect(again.data!.login.totpEnrollmentRequired).toBe(true);
    });
  });

  it('keeps each TOTP secret sealed under the configured key, bound to its user', async () => {
    const rows = await t.db.query('SELECT user_id, secret_sealed FROM totp_factors');
    expect(rows.length).toBeGreaterThan(0);
    const key = keyBytes(TEST_MFA_ENCRYPTION_KEY)!;
    for (const row of rows) {
      expect(openSecret(key, row.secret_sealed, `totp:${row.user_id}`)).toHaveLength(20);
      expect(() => openSecret(Buffer.alloc(32), row.secret_sealed, `totp:${row.user_id}`)).toThrow();
      expect(() => openSecret(key, row.secret_sealed, `totp:${delegate.id === row.user_id ? registrar.id : delegate.id}`)).toThrow();
    }
  });
});

describe('second factor required of the roles configured (MFA_REQUIRED_ROLES=PANELIST)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MFA_REQUIRED_ROLES: 'PANELIST' } });
  });
  afterAll(() => t.close());

  it('lets the secretariat in without one and holds a panelist to enrolling', async () => {
    const secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    const panelist = await createUser(t.db, { role: 'PANELIST' });
    const asSecretariat = await t.gql<{ login: Payload }>(LOGIN, { email: secretariat.email, password: DEFAULT_PASSWORD });
    expect(asSecretariat.data!.login.totpEnrollmentRequired).toBe(false);
    expect((await t.gql(USERS, {}, asSecretariat.data!.login.accessToken)).errors).toBeUndefined();
    const asPanelist = await t.gql<{ login: Payload }>(LOGIN, { email: panelist.email, password: DEFAULT_PASSWORD });
    expect(asPanelist.data!.login.totpEnrollmentRequired).toBe(true);
    const refused = await t.gql(USERS, {}, asPanelist.data!.login.accessToken);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', domainCode: 'MFA_ENROLMENT_REQUIRED' });
  });
});
