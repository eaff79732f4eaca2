import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { UserEntity, loadConfig } from '@app/core';
import { ProcedureSweeper } from '@app/registry';
import { JobsService } from '../../apps/worker/src/jobs.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createMember, createUser } from '../utils/factories';
import { TAKE_ACTION, meetingToday } from '../utils/procedure';
import { TEST_JWT_SECRET, TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($r: [String!]!, $title: String!) { requestConsultations(input: { respondents: $r, title: $title,
  measures: ["M"], legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`;
const ACT = `mutation($id: ID!, $action: ProcedureAction!) { takeAction(input: { disputeId: $id, action: $action }) { stage } }`;

describe('the worker: deadline sweeps and automatic transitions', () => {
  let t: TestApp;
  let sweeper: ProcedureSweeper;
  const users: Record<string, UserEntity> = {};
  const tok = (who: string) => t.tokenFor(users[who]);

  const file = async (title: string) => (await t.gql(FILE, { r: ['PAK'], title }, tok('CHN'))).data!.requestConsultations.id as string;
  const docketKinds = async (id: string) =>
    (await t.db.query('SELECT kind FROM docket_entries WHERE dispute_id = $1 ORDER BY seq', [id])).map((r: { kind: string }) => r.kind);
  const status = async (id: string, rule: string) =>
    (await t.db.query('SELECT status FROM deadlines WHERE dispute_id = $1 AND rule = $2 ORDER BY opened_at DESC LIMIT 1', [id, rule]))[0]
      ?.status;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    sweeper = t.app.get(ProcedureSweeper);
    for (const code of ['CHN', 'PAK']) {
      const member = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
  });
  afterAll(() => t.close());

  it('marks a deadline that ran out MISSED and dockets it, once, even with two sweeps at once', async () => {
    t.clock.set('2026-03-02T09:00:00Z');
    const id = await file('Reply missed');
    t.clock.set('2026-03-12T23:59:00Z'); // the reply is due by the end of day 10
    expect((await sweeper.sweep()).expired).toBe(0);
    t.clock.set('2026-03-13T00:00:01Z');
    const [a, b] = await Promise.all([sweeper.sweep(), sweeper.sweep()]);
    expect(a.expired + b.expired).toBe(2); // the reply (MISSED) and the third-party window (LAPSED)
    expect(await status(id, 'REPLY_TO_REQUEST')).toBe('MISSED');
    // A window nobody used ran its course: nobody is at fault.
    expect(await status(id, 'THIRD_PARTY_CONSULTATIONS')).toBe('LAPSED');
    expect(await docketKinds(id)).toEqual(['requestConsultations', 'deadlineMissed', 'periodEnded']);
    // Nothing left to do: a third sweep writes nothing, not even an audit record.
    const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM audit_log');
    expect(await sweeper.sweep()).toEqual({ disputes: 0, expired: 0, automatic: 0 });
    const [{ n: after }] = await t.db.query('SELECT count(*)::int AS n FROM audit_log');
    expect(after).toBe(before);
    // The missed reply opens the early panel request (DSU 4.3).
    expect((await t.gql(ACT, { id, action: 'requestPanel' }, tok('CHN'))).data!.takeAction.stage).toBe('PANEL_REQUESTED');
  });

  it('never establishes a panel by itself: the body does, at the second meeting on the request (DSU 6.1)', async () => {
    t.clock.set('2026-04-01T09:00:00Z');
    const id = await file('Establishment at the second meeting');
    await t.gql(ACT, { id, action: 'agreeEarlyPanelRequest' }, tok('CHN'));
    await t.gql(ACT, { id, action: 'agreeEarlyPanelRequest' }, tok('PAK'));
    expect((await t.gql(ACT, { id, action: 'requestPanel' }, tok('CHN'))).errors).toBeUndefined();
    const stage = async () => (await t.db.query('SELECT stage FROM disputes WHERE id = $1', [id]))[0].stage;
    // The first meeting with the request on its agenda (11 days after it was filed).
    t.clock.set('2026-04-13T09:00:00Z');
    const first = await t.gql(TAKE_ACTION, { id, action: 'recordBodyMeeting', meetingId: await meetingToday(t) }, tok('SEC'));
    expect(first.errors).toBeUndefined();
    expect(first.data!.takeAction.stage).toBe('PANEL_REQUESTED');
    // Months without a meeting: nothing happens by itself.
    t.clock.set('2026-05-13T09:00:00Z');
    expect((await sweeper.sweep()).automatic).toBe(0);
    expect(await stage()).toBe('PANEL_REQUESTED');
    // At the second meeting the panel is established; the secretariat records the body's decision.
    const meetingId = await meetingToday(t);
    const again = await t.gql(TAKE_ACTION, { id, action: 'recordBodyMeeting', meetingId }, tok('SEC'));
    expect(again.errors![0].extensions.code).toBe('INVALID_TRANSITION');
    expect(again.errors![0].message).toMatch(/second meeting the panel is established/);
    const established = await t.gql(TAKE_ACTION, { id, action: 'establishPanel', meetingId }, tok('SEC'));
    expect(established.errors).toBeUndefined();
    expect(await stage()).toBe('PANEL_ESTABLISHED');
    const [last] = await t.db.query(
      'SELECT kind, actor_role, actor_id FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1',
      [id],
    );
    expect(last).toEqual({ kind: 'establishPanel', actor_role: 'BODY', actor_id: users.SEC.id });
  });

  it('lapses a panel suspended for more than 12 months (DSU 12.12)', async () => {
    t.clock.set('2026-05-04T09:00:00Z');
    const id = await file('Suspended too long');
    // A suspended panel, as the panel's suspend step leaves it (the panel acts once elected).
    await t.db.query(
      `UPDATE disputes SET stage = 'SUSPENDED', stage_before_suspension = 'PANEL_PROCEEDINGS', suspended_at = $2 WHERE id = $1`,
      [id, '2026-05-04T09:00:00Z'],
    );
    await t.db.query(`UPDATE deadlines SET status = 'SUPERSEDED' WHERE dispute_id = $1`, [id]);
    await t.db.query(
      `INSERT INTO deadlines (dispute_id, rule, base_date, due_date, status, opened_at) VALUES ($1, 'SUSPENSION_LIMIT', '2027-05-04', '2027-05-04', 'OPEN', $2)`,
      [id, '2026-05-04T09:00:00Z'],
    );
    t.clock.set('2027-05-04T12:00:00Z');
    await sweeper.sweep();
    expect((await t.db.query('SELECT stage FROM disputes WHERE id = $1', [id]))[0].stage).toBe('SUSPENDED');
    t.clock.set('2027-05-05T00:00:01Z');
    const result = await sweeper.sweep();
    expect(result.automatic).toBeGreaterThanOrEqual(1);
    expect((await t.db.query('SELECT stage FROM disputes WHERE id = $1', [id]))[0].stage).toBe('LAPSED');
    expect(await docketKinds(id)).toContain('lapse');
  });

  it('adopts a circulated report by itself on day 60 (DSU 16.4), leaving the written submissions restricted (DSU 18.2)', async () => {
    t.clock.set('2026-07-01T09:00:00Z');
    const id = await file('Adopted by default');
    // A circulated report, as the rulings steps leave it (the rulings e2e drive those steps).
    await t.db.query(`UPDATE disputes SET stage = 'REPORT_CIRCULATED' WHERE id = $1`, [id]);
    await t.db.query(`UPDATE deadlines SET status = 'SUPERSEDED' WHERE dispute_id = $1`, [id]);
    await t.db.query(
      `INSERT INTO deadlines (dispute_id, rule, base_date, due_date, status, opened_at) VALUES
       ($1, 'ADOPTION_EARLIEST', '2026-07-21', '2026-07-21', 'OPEN', $2),
       ($1, 'PANEL_REPORT_ADOPTION', '2026-08-30', '2026-08-30', 'OPEN', $2)`,
      [id, '2026-07-01T09:00:00Z'],
    );
    const doc = await t.gql(
      `mutation($id: ID!) { fileDocument(input: { disputeId: $id, kind: REBUTTAL, classification: RESTRICTED,
      title: "Rebuttal", fileName: "r.txt", mediaType: "text/plain", content: "cg==" }) { id } }`,
      { id },
      tok('PAK'),
    );
    const docId = doc.data!.fileDocument.id;
    t.clock.set('2026-08-30T23:00:00Z');
    await sweeper.sweep();
    expect((await t.db.query('SELECT stage FROM disputes WHERE id = $1', [id]))[0].stage).toBe('REPORT_CIRCULATED');
    t.clock.set('2026-08-31T00:00:01Z');
    expect((await sweeper.sweep()).automatic).toBeGreaterThanOrEqual(1);
    expect((await t.db.query('SELECT stage FROM disputes WHERE id = $1', [id]))[0].stage).toBe('ADOPTED');
    // Adoption publishes no party's written submission: only its author may (DSU 18.2).
    const publicView = await t.gql(`query($id: ID!) { document(id: $id) { classification } }`, { id: docId });
    expect(publicView.errors![0].extensions.code).toBe('NOT_FOUND');
    const filerView = await t.gql(`query($id: ID!) { document(id: $id) { classification derestrictedAt } }`, { id: docId }, tok('PAK'));
    expect(filerView.data!.document).toEqual({ classification: 'RESTRICTED', derestrictedAt: null });
    expect(await docketKinds(id)).toContain('adoptReportAutomatically');
    const [adoption] = await t.db.query(`SELECT text FROM docket_entries WHERE dispute_id = $1 AND kind = 'adoptReportAutomatically'`, [
      id,
    ]);
    expect(adoption.text).not.toMatch(/public/i);
  });

  describe('through pg-boss, with two worker processes', () => {
    const workers: INestApplicationContext[] = [];

    afterAll(async () => {
      for (const w of workers) {
        await w.get(JobsService).stop();
        await w.close();
      }
    });

    it('runs queued sweeps on either worker and processes each dispute once', async () => {
      const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'error' });
      for (let i = 0; i < 2; i += 1) {
        const ctx = await NestFactory.createApplicationContext(
          WorkerModule.forRoot({ config, databaseUrl: t.databaseUrl, jwtSecret: TEST_JWT_SECRET, clock: t.clock }),
          { logger: false },
        );
        await ctx.get(JobsService).start({ databaseUrl: t.databaseUrl, pollingIntervalSeconds: 0.5 });
        workers.push(ctx);
      }
      t.clock.set('2026-06-01T09:00:00Z');
      const id = await file('Swept by the worker');
      t.clock.set('2026-06-12T09:00:00Z');
      const jobs = workers[0].get(JobsService);
      for (let i = 0; i < 5; i += 1) await jobs.runSoon();
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && (await status(id, 'REPLY_TO_REQUEST')) !== 'MISSED') {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(await status(id, 'REPLY_TO_REQUEST')).toBe('MISSED');
      // Let the other queued sweeps run too, then check nothing was recorded twice.
      await new Promise((r) => setTimeout(r, 3000));
      expect((await docketKinds(id)).filter((k: string) => k === 'deadlineMissed')).toHaveLength(1);
    });
  });
});
