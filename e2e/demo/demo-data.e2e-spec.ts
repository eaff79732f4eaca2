import { DataSource } from 'typeorm';
import { CommandRunner } from '@app/core';
import { STAGES } from '@app/procedure';
import { DisputesService } from '@app/registry';
import { loadDemoDataIfEmpty } from '../../apps/api/src/demo/demo-data';
import { startTestApp, type TestApp } from '../utils/test-app';

// The demo data set (`npm start` into an empty database): the shared generator's registry, every
// dispute driven through the engine, loaded through the real application, once.
describe('demo data set', () => {
  let t: TestApp;
  let loadedIn = 0;
  const load = () => loadDemoDataIfEmpty(t.app.get(DataSource), t.app.get(CommandRunner), t.app.get(DisputesService), 10);
  const rows = (sql: string, params: unknown[] = []) => t.db.query(sql, params);

  beforeAll(async () => {
    t = await startTestApp();
    const started = Date.now();
    expect(await load()).toBe(true);
    loadedIn = Date.now() - started;
  });
  afterAll(() => t?.close());

  it('loads into the empty database, with a dispute in every stage of the engine', async () => {
    const stages = (await rows('SELECT DISTINCT stage FROM disputes')).map((r: { stage: string }) => r.stage).sort();
    expect(stages).toEqual([...STAGES].sort());
    const [{ n }] = await rows('SELECT count(*)::int AS n FROM disputes');
    expect(n).toBeGreaterThanOrEqual(28);
    expect(n).toBeLessThanOrEqual(40);
    process.stdout.write(`demo data set loaded in ${loadedIn} ms (${n} disputes)\n`);
  });

  it('is not loaded twice: a second start leaves the loaded database as it is', async () => {
    const count = async () =>
      (
        await rows(
          `SELECT (SELECT count(*) FROM disputes)::int AS d, (SELECT count(*) FROM users)::int AS u,
                  (SELECT count(*) FROM docket_entries)::int AS e, (SELECT count(*) FROM documents)::int AS docs`,
        )
      )[0];
    const before = await count();
    expect(await load()).toBe(false);
    expect(await count()).toEqual(before);
  });

  it('signs in the demo users with the passwords README lists, and has a delegate of each member', async () => {
    for (const [email, password] of [
      ['delegate.chn@demo.dsb', 'delegate-demo-2026'],
      ['delegate.kaz@demo.dsb', 'delegate-demo-2026'],
      ['panelist@demo.dsb', 'panelist-demo-2026'],
    ]) {
      const res = await t.gql(`mutation { login(email: "${email}", password: "${password}") { accessToken } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data?.login.accessToken).toEqual(expect.any(String));
    }
    const registrar = await t.gql(
      `mutation { login(email: "registrar@demo.dsb", password: "registrar-demo-2026") { accessToken totpEnrollmentRequired } }`,
    );
    expect(registrar.errors).toBeUndefined();
    const lacking = await rows(
      `SELECT m.code FROM members m WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.member_id = m.id AND u.role = 'MEMBER_DELEGATE')`,
    );
    expect(lacking).toEqual([]);
    const [{ persons }] = await rows('SELECT count(*)::int AS persons FROM roster_persons');
    expect(persons).toBe(20);
  });

  it('seats the demo panelist on two panels at work', async () => {
    const panels = await rows(
      `SELECT d.stage FROM panel_seats s JOIN users u ON u.id = s.user_id JOIN disputes d ON d.id = s.dispute_id
        WHERE u.email = 'panelist@demo.dsb' AND s.vacated_at IS NULL`,
    );
    expect(panels.map((p: { stage: string }) => p.stage)).toEqual(['PANEL_PROCEEDINGS', 'PANEL_PROCEEDINGS']);
  });

  it('has closed elections with their ballots, documents of every class and a case under surveillance with status reports', async () => {
    const [{ closed, ballots }] = await rows(
      `SELECT count(*)::int AS closed, (SELECT count(*)::int FROM ballots b JOIN elections e ON e.id = b.election_id WHERE e.status = 'CLOSED') AS ballots
         FROM elections WHERE status = 'CLOSED'`,
    );
    expect(closed).toBeGreaterThan(0);
    expect(ballots).toBeGreaterThan(0);
    const classes = (await rows('SELECT DISTINCT classification FROM documents')).map((r: { classification: string }) => r.classification);
    expect(classes.sort()).toEqual(['CONFIDENTIAL', 'PUBLIC', 'RESTRICTED']);
    const [{ named }] = await rows(
      `SELECT count(*)::int AS named FROM documents WHERE classification = 'CONFIDENTIAL' AND cardinality(reader_ids) > 0`,
    );
    expect(named).toBeGreaterThan(0);
    const [{ reports }] = await rows(
      `SELECT count(*)::int AS reports FROM docket_entries e JOIN disputes d ON d.id = e.dispute_id
        WHERE d.stage = 'IMPLEMENTATION_SURVEILLANCE' AND e.kind = 'fileStatusReport'`,
    );
    expect(reports).toBeGreaterThanOrEqual(2);
  });

  it('answers the public disputes list through the API', async () => {
    const res = await t.gql('{ disputes(first: 50) { nodes { stage } } }');
    expect(res.errors).toBeUndefined();
    expect(new Set(res.data?.disputes.nodes.map((n: { stage: string }) => n.stage)).size).toBe(STAGES.length);
  });
});
