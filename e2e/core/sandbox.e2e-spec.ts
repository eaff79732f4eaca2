import { AppConfig, Clock, ManualClock, SandboxClock, SandboxClockSync, UserEntity } from '@app/core';
import { DataSource } from 'typeorm';
import { DEFAULT_PASSWORD, createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';
import { workerJobs } from '../utils/worker-jobs';

const FILE = `mutation($r: [String!]!, $title: String!) { requestConsultations(input: { respondents: $r, title: $title,
  measures: ["M"], legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`;
const ADVANCE = `mutation($to: DateTime!) { advanceClock(to: $to) { instant banner } }`;
const START = '2026-03-02T09:00:00Z';

async function people(t: TestApp): Promise<Record<string, UserEntity>> {
  const users: Record<string, UserEntity> = {};
  for (const code of ['CHN', 'PAK']) {
    const member = await createMember(t.db, { code, name: code });
    users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
  }
  users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
  return users;
}

// What a case leaves behind, without the ids and the users that differ between two databases.
async function record(db: DataSource, disputeId: string) {
  const docket = await db.query('SELECT seq, kind, text, occurred_at FROM docket_entries WHERE dispute_id = $1 ORDER BY seq', [disputeId]);
  const deadlines = await db.query(
    'SELECT rule, status, due_date, closed_at FROM deadlines WHERE dispute_id = $1 ORDER BY rule, opened_at',
    [disputeId],
  );
  const [dispute] = await db.query('SELECT stage FROM disputes WHERE id = $1', [disputeId]);
  return { docket, deadlines, stage: dispute.stage as string };
}

// What the reference case, run on a stopped clock outside a sandbox, left behind. The two apps run
// one after the other: passport's strategies are the process's, so two apps at once would check
// each other's tokens.
let reference: Awaited<ReturnType<typeof record>> | null = null;

describe('outside a sandbox: the reference case on a stopped clock', () => {
  let ref: TestApp;
  let refUsers: Record<string, UserEntity>;

  beforeAll(async () => {
    ref = await startTestApp({ start: START });
    refUsers = await people(ref);
  });
  afterAll(() => ref?.close());

  it('runs the worker at each midnight, as the real worker (every minute) would have', async () => {
    const refId = (await ref.gql(FILE, { r: ['PAK'], title: 'Sandbox case' }, ref.tokenFor(refUsers.CHN))).data!.requestConsultations
      .id as string;
    // The worker's round, of the same services.
    const jobs = workerJobs(ref.app);
    for (let day = 3; day <= 20; day += 1) {
      ref.clock.set(`2026-03-${String(day).padStart(2, '0')}T00:00:00Z`);
      await jobs.sweepOnce();
    }
    ref.clock.set('2026-03-20T09:00:00Z');
    await jobs.sweepOnce();
    reference = await record(ref.db, refId);
    expect(reference.docket.length).toBe(3);
  });

  it('has no banner and its clock does not move', async () => {
    const refused = await ref.gql(ADVANCE, { to: '2026-04-20T09:00:00Z' }, ref.tokenFor(refUsers.SEC));
    expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(refused.errors![0].extensions.domainCode).toBe('SANDBOX_OFF');
    const answer = await ref.gql('{ sandbox { banner } me { sandbox { banner } } }', {}, ref.tokenFor(refUsers.CHN));
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ sandbox: null, me: { sandbox: null } });
    expect((await ref.db.query('SELECT count(*)::int AS n FROM sandbox_clock'))[0].n).toBe(0);
    expect(ref.app.get(Clock).now().toISOString()).toBe('2026-03-20T09:00:00.000Z');
  });
});

describe('the training sandbox (SANDBOX=true)', () => {
  let t: TestApp;
  let users: Record<string, UserEntity>;
  // Sessions live in real time (SessionClock: the base clock, the test's stopped "real time"),
  // whatever the sandbox's clock says: the test app's tokenFor signs at its base clock.
  const tok = (who: string) => t.tokenFor(users[who]);
  const clockRow = async () => (await t.db.query('SELECT instant, real_at, frozen FROM sandbox_clock'))[0] ?? null;
  const auditCount = async () => (await t.db.query('SELECT count(*)::int AS n FROM audit_log'))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp({ start: START, env: { SANDBOX: 'true' } });
    users = await people(t);
  });
  afterAll(() => t?.close());

  it('advancing past a limit flags it exactly as the real clock would: the same docket, the same dates', async () => {
    const id = (await t.gql(FILE, { r: ['PAK'], title: 'Sandbox case' }, tok('CHN'))).data!.requestConsultations.id as string;
    const moved = await t.gql(ADVANCE, { to: '2026-03-20T09:00:00Z' }, tok('SEC'));
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.advanceClock.instant).toBe('2026-03-20T09:00:00.000Z');
    expect(moved.data!.advanceClock.banner).toMatch(/TRAINING SANDBOX/);

    const mine = await record(t.db, id);
    // The reply (10 days, DSU 4.3) ran out at the end of 12 March: recorded at midnight.
    expect(mine.docket.map((e: { kind: string }) => e.kind)).toEqual(['requestConsultations', 'deadlineMissed', 'periodEnded']);
    expect(mine.docket[1].occurred_at.toISOString()).toBe('2026-03-13T00:00:00.000Z');
    expect(reference).not.toBeNull();
    expect(mine).toEqual(reference);
    // The clock runs on from there (the base clock here stands still, as the test's real time).
    expect((await clockRow()).frozen).toBe(false);
    expect(t.app.get(Clock).now().toISOString()).toBe('2026-03-20T09:00:00.000Z');
  });

  it('never goes back, nor stays: an earlier or the same instant is refused and changes nothing', async () => {
    const before = await clockRow();
    const audits = await auditCount();
    for (const to of ['2026-03-19T09:00:00Z', '2026-03-20T09:00:00Z']) {
      const refused = await t.gql(ADVANCE, { to }, tok('SEC'));
      expect(refused.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].extensions.domainCode).toBe('SANDBOX_CLOCK_NOT_FORWARD');
      expect(refused.errors![0].message).toMatch(/only moves forward/);
    }
    expect(await clockRow()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('moves only for the secretariat: a delegate and anonymous are refused, and nothing changes', async () => {
    const before = await clockRow();
    const audits = await auditCount();
    const delegate = await t.gql(ADVANCE, { to: '2026-04-20T09:00:00Z' }, tok('CHN'));
    expect(delegate.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(delegate.errors![0].extensions.domainCode).toBe('ROLE_REQUIRED');
    const anonymous = await t.gql(ADVANCE, { to: '2026-04-20T09:00:00Z' });
    expect(anonymous.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await clockRow()).toEqual(before);
    expect(await auditCount()).toBe(audits);
    expect(t.app.get(Clock).now().toISOString()).toBe('2026-03-20T09:00:00.000Z');
  });

  it('marks everything: the banner on me, the public sandbox field and the feeds', async () => {
    const answer = await t.gql('{ me { sandbox { instant banner } } }', {}, tok('PAK'));
    expect(answer.data!.me.sandbox.instant).toBe('2026-03-20T09:00:00.000Z');
    expect(answer.data!.me.sandbox.banner).toMatch(/^TRAINING SANDBOX: nothing here is a real case/);
    const anonymous = await t.gql('{ sandbox { instant banner } }');
    expect(anonymous.data!.sandbox.banner).toMatch(/TRAINING SANDBOX/);
    const feed = await t.http().get('/feeds/docket.atom');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('<title type="text">[TRAINING SANDBOX] The docket of the Dispute Settlement Body</title>');
  });

  it('keeps everyone signed in across a move: sessions and second-factor codes run in real time', async () => {
    const login = await t.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }`, {
      e: users.PAK.email,
      p: DEFAULT_PASSWORD,
    });
    expect(login.errors).toBeUndefined();
    const { accessToken, refreshToken } = login.data!.login;
    const me = () => t.gql('{ me { email } }', {}, accessToken);
    expect((await me()).data!.me.email).toBe(users.PAK.email);
    // A month on in the sandbox: the 15-minute access token and the refresh token still hold.
    expect((await t.gql(ADVANCE, { to: '2026-04-20T09:00:00Z' }, tok('SEC'))).errors).toBeUndefined();
    expect(t.app.get(Clock).now().toISOString()).toBe('2026-04-20T09:00:00.000Z');
    const after = await me();
    expect(after.errors).toBeUndefined();
    expect(after.data!.me.email).toBe(users.PAK.email);
    const refreshed = await t.gql(`mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken } }`, { r: refreshToken });
    expect(refreshed.errors).toBeUndefined();
  });

  it('a second process on the same database sees the new time after a move', async () => {
    // Another process's clock: its own base clock (the same real time), its own LISTEN connection.
    const other = new SandboxClock(new ManualClock(START));
    const sync = new SandboxClockSync(t.app.get(AppConfig), other, t.db);
    await sync.onModuleInit();
    try {
      expect(other.now().toISOString()).toBe('2026-04-20T09:00:00.000Z');
      const moved = await t.gql(ADVANCE, { to: '2026-04-25T12:00:00Z' }, tok('SEC'));
      expect(moved.errors).toBeUndefined();
      const deadline = Date.now() + 5000;
      while (other.now().toISOString() !== '2026-04-25T12:00:00.000Z' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(other.now().toISOString()).toBe('2026-04-25T12:00:00.000Z');
    } finally {
      await sync.onModuleDestroy();
    }
  });
});
