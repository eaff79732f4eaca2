import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, CommandRunner } from '@app/core';
import { STAGES } from '@app/procedure';
import { DisputesService } from '@app/registry';
import { loadDemoDataIfEmpty } from '../../apps/api/src/demo/demo-data';
import { addDemoPresent } from '../../apps/api/src/demo/demo-live';
import { DEMO_TRANSLATED_DISPUTES } from '../../apps/api/src/demo/demo-languages';
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
    await addDemoPresent(t.app);
    loadedIn = Date.now() - started;
  });
  afterAll(() => t?.close());

  const signIn = async (email: string, password = 'delegate-demo-2026'): Promise<string> => {
    const res = await t.gql(`mutation { login(email: "${email}", password: "${password}") { accessToken } }`);
    expect(res.errors).toBeUndefined();
    return res.data?.login.accessToken as string;
  };
  const delegateOf = async (disputeId: string, kind: string): Promise<string> => {
    const [{ code }] = await rows(
      `SELECT m.code FROM dispute_parties p JOIN members m ON m.id = p.member_id WHERE p.dispute_id = $1 AND p.kind = $2 LIMIT 1`,
      [disputeId, kind],
    );
    return signIn(`delegate.${String(code).toLowerCase()}@demo.dsb`);
  };

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

  it('shows the demo panelist hearings ahead on both its panels, in their own zone, and the parties theirs', async () => {
    const token = await signIn('panelist@demo.dsb', 'panelist-demo-2026');
    // The application's clock, not this process's: the test app may run at another day.
    const now = t.app.get(Clock).now().getTime();
    const from = new Date(now).toISOString();
    const res = await t.gql(
      `query ($from: DateTime) { hearings(first: 20, filter: { from: $from }) { nodes { kind startsAt localStart timeZone status room { name }
         dispute { id stage } participants { kind name } } } }`,
      { from },
      token,
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data?.hearings.nodes as {
      kind: string;
      startsAt: string;
      localStart: string;
      timeZone: string;
      dispute: { id: string; stage: string };
      participants: { kind: string; name: string }[];
    }[];
    const panels = new Set(nodes.map((h) => h.dispute.id));
    expect(panels.size).toBe(2);
    for (const h of nodes) {
      expect(h.dispute.stage).toBe('PANEL_PROCEEDINGS');
      expect(Date.parse(h.startsAt)).toBeGreaterThan(now);
      expect(Date.parse(h.startsAt)).toBeLessThan(now + 120 * 86_400_000);
      expect(h.timeZone).toBe('Europe/Zurich');
      expect(h.localStart).toMatch(/T(09:30|10:00):00\+0[12]:00$/);
      expect(h.participants.filter((p) => p.kind === 'PANELIST').length).toBeGreaterThanOrEqual(3);
      expect(h.participants.filter((p) => p.kind === 'PARTY').length).toBeGreaterThanOrEqual(2);
    }
    expect(nodes.map((h) => h.kind).sort()).toEqual([
      'FIRST_SUBSTANTIVE_MEETING',
      'FIRST_SUBSTANTIVE_MEETING',
      'THIRD_PARTY_SESSION',
      'THIRD_PARTY_SESSION',
    ]);
    // A party of one of them sees its hearings too; they are docketed.
    const disputeId = [...panels][0];
    const party = await t.gql(
      `query ($id: ID) { hearings(first: 20, filter: { disputeId: $id }) { nodes { kind } } }`,
      { id: disputeId },
      await delegateOf(disputeId, 'RESPONDENT'),
    );
    expect(party.errors).toBeUndefined();
    expect(party.data?.hearings.nodes).toHaveLength(2);
    // Docketed, once each (these panels have held no hearing yet).
    const [{ docketed }] = await rows(
      `SELECT count(*)::int AS docketed FROM docket_entries WHERE kind = 'scheduleHearing' AND dispute_id = ANY($1)`,
      [[...panels]],
    );
    expect(docketed).toBe(4);
  });

  it('has an election open now, with ballots cast, in which a delegate of a member not party may still vote', async () => {
    const [open] = await rows(
      `SELECT e.id, e.dispute_id, d.stage FROM elections e JOIN disputes d ON d.id = e.dispute_id WHERE e.status = 'OPEN'`,
    );
    expect(open.stage).toBe('PANEL_ESTABLISHED');
    const [{ code }] = await rows(
      `SELECT m.code FROM election_electors e JOIN members m ON m.id = e.member_id
        WHERE e.election_id = $1 AND NOT EXISTS (SELECT 1 FROM election_votes v WHERE v.election_id = e.election_id AND v.member_id = e.member_id)
          AND m.code IN ('CHN', 'PAK', 'KAZ') ORDER BY m.code LIMIT 1`,
      [open.id],
    );
    const token = await signIn(`delegate.${String(code).toLowerCase()}@demo.dsb`);
    const seen = await t.gql(
      `query ($id: ID) { dispute(id: $id) { stage elections { id status closesAt turnout candidates { id } } } }`,
      { id: open.dispute_id },
      token,
    );
    expect(seen.errors).toBeUndefined();
    const election = seen.data?.dispute.elections.find((e: { status: string }) => e.status === 'OPEN');
    expect(election.id).toBe(open.id);
    expect(Date.parse(election.closesAt)).toBeGreaterThan(t.app.get(Clock).now().getTime() + 6 * 86_400_000);
    expect(election.candidates.length).toBeGreaterThanOrEqual(3);
    const [{ cast }] = await rows('SELECT count(*)::int AS cast FROM election_votes WHERE election_id = $1', [open.id]);
    expect(cast).toBeGreaterThan(0);
    const vote = await t.gql(
      `mutation ($input: CastBallotInput!) { castBallot(input: $input) { receipt } }`,
      { input: { electionId: open.id, ranking: election.candidates.slice(0, 2).map((c: { id: string }) => c.id) } },
      token,
    );
    expect(vote.errors).toBeUndefined();
    expect(vote.data?.castBallot.receipt).toEqual(expect.any(String));
  });

  const REPORT = `report { adopted versions { id version status circulatedAt findings { id measure provision finding recommendation appellateOutcome { outcome reasoning } }
      separateOpinions { text textSha256 } document { title classification } }
    appeals { filedAt findingIds seed division { name } } meetings { round outcome meetingId presentMembers objectingMembers } }`;
  type Version = {
    id: string;
    version: string;
    status: string;
    circulatedAt: string | null;
    findings: {
      id: string;
      measure: string;
      provision: string;
      finding: string;
      recommendation: string | null;
      appellateOutcome: { outcome: string } | null;
    }[];
    separateOpinions: { text: string; textSha256: string }[];
    document: { title: string; classification: string } | null;
  };
  type Report = {
    adopted: boolean;
    versions: Version[];
    appeals: { filedAt: string; findingIds: string[]; seed: string; division: { name: string }[] }[];
    meetings: { round: string; outcome: string; meetingId: string; presentMembers: string[]; objectingMembers: string[] }[];
  };

  it('shows the public an adopted panel report with a finding per claim and a separate opinion', async () => {
    const res = await t.gql(`{ adoptedReports(first: 50) { nodes { dispute { id stage measures legalBasis } ${REPORT} } } }`);
    expect(res.errors).toBeUndefined();
    const nodes = res.data?.adoptedReports.nodes as {
      dispute: { id: string; stage: string; measures: string[]; legalBasis: string[] };
      report: Report;
    }[];
    // Every dispute past adoption, appealed or not, is among them, with its report.
    const [{ adopted }] = await rows(`SELECT count(*)::int AS adopted FROM disputes WHERE events ? 'REPORT_ADOPTED'`);
    expect(nodes).toHaveLength(adopted);
    const plain = nodes.find((n) => n.dispute.stage === 'ADOPTED' && n.report.appeals.length === 0);
    expect(plain).toBeDefined();
    const { dispute, report } = plain!;
    expect(report.adopted).toBe(true);
    // The public sees the circulated final report only: no draft, no issued version.
    expect(report.versions.map((v) => [v.version, v.status])).toEqual([['FINAL_REPORT', 'CIRCULATED']]);
    const [final] = report.versions;
    expect(final.document).toMatchObject({ classification: 'PUBLIC', title: expect.stringContaining('Report of the Panel') });
    // One finding per claim: each measure under each provision of the terms of reference.
    const claims = dispute.measures.flatMap((m) => dispute.legalBasis.map((p) => `${m} | ${p}`));
    expect(final.findings.map((f) => `${f.measure} | ${f.provision}`)).toEqual(claims);
    expect(final.findings[0]).toMatchObject({ finding: 'INCONSISTENT', recommendation: expect.stringContaining('DSU 19.1') });
    expect(final.separateOpinions).toHaveLength(1);
    const [opinion] = final.separateOpinions;
    expect(opinion.textSha256).toBe(createHash('sha256').update(opinion.text).digest('hex'));
    // Adopted at a meeting of the body held on the day, after circulation, nobody objecting.
    expect(report.meetings).toEqual([
      { round: 'PANEL', outcome: 'ADOPTED', meetingId: expect.any(String), presentMembers: expect.any(Array), objectingMembers: [] },
    ]);
    const [entry] = await rows(
      `SELECT e.occurred_at, e.text, m.held_on::text AS held_on FROM docket_entries e, body_meetings m
        WHERE e.dispute_id = $1 AND e.kind = 'adoptReport' AND m.id = $2`,
      [dispute.id, report.meetings[0].meetingId],
    );
    expect(entry.occurred_at.toISOString().slice(0, 10)).toBe(entry.held_on);
    expect(entry.occurred_at.getTime()).toBeGreaterThan(Date.parse(final.circulatedAt as string));
    expect(entry.text).toContain('0 objected in time');
    // The circulation's docket entry carries the report's document, as ReportsService.circulate docketed it.
    const [circulation] = await rows(`SELECT document_ids FROM docket_entries WHERE dispute_id = $1 AND kind = 'circulateReport'`, [
      dispute.id,
    ]);
    const [doc] = await rows(`SELECT r.document_id FROM reports r WHERE r.id = $1`, [final.id]);
    expect(circulation.document_ids).toEqual([doc.document_id]);
  });

  it('shows the parties the issued interim report, and the panel its deliberation, which the public never sees', async () => {
    const [d] = await rows(`SELECT id FROM disputes WHERE stage = 'REPORT_CIRCULATED' LIMIT 1`);
    const query = `query ($id: ID) { dispute(id: $id) { report { versions { version status deliberation { votes { approve } } } } } }`;
    const party = await t.gql(query, { id: d.id }, await delegateOf(d.id, 'COMPLAINANT'));
    expect(party.errors).toBeUndefined();
    const versions = party.data?.dispute.report.versions as { version: string; status: string; deliberation: unknown }[];
    expect(versions.map((v) => v.version)).toEqual(['DESCRIPTIVE_PART', 'INTERIM_REPORT', 'FINAL_REPORT']);
    expect(versions.every((v) => v.deliberation === null)).toBe(true);
    const [{ votes }] = await rows(
      `SELECT count(*)::int AS votes FROM report_votes v JOIN reports r ON r.id = v.report_id WHERE r.dispute_id = $1`,
      [d.id],
    );
    expect(votes).toBeGreaterThanOrEqual(6);
    // A panelist seated on it (with an account) sees the panel's votes on the interim and final reports.
    const [seat] = await rows(
      `SELECT u.email FROM panel_seats s JOIN users u ON u.id = s.user_id WHERE s.dispute_id = $1 AND s.vacated_at IS NULL LIMIT 1`,
      [d.id],
    );
    const panel = await t.gql(query, { id: d.id }, await signIn(seat.email, 'panelist-demo-2026'));
    expect(panel.errors).toBeUndefined();
    const deliberated = (panel.data?.dispute.report.versions as { version: string; deliberation: { votes: unknown[] } | null }[]).filter(
      (v) => v.deliberation,
    );
    expect(deliberated.map((v) => v.version)).toEqual(['INTERIM_REPORT', 'FINAL_REPORT']);
    expect(deliberated.every((v) => v.deliberation!.votes.length >= 3)).toBe(true);
    const open = await t.gql(query, { id: d.id });
    expect(open.errors).toBeUndefined();
    // The public: the circulated final report alone, without the deliberation.
    expect(open.data?.dispute.report.versions).toEqual([{ version: 'FINAL_REPORT', status: 'CIRCULATED', deliberation: null }]);
  });

  it('shows the public an appeal: the notice, its division drawn by lot, the appellate report and its adoption', async () => {
    const query = `query ($id: ID) { dispute(id: $id) { stage ${REPORT} } }`;
    // Under appeal: the notice and the division, no appellate report yet.
    const [pending] = await rows(`SELECT id FROM disputes WHERE stage = 'UNDER_APPEAL'`);
    const open = await t.gql(query, { id: pending.id });
    expect(open.errors).toBeUndefined();
    const under = open.data?.dispute.report as Report;
    expect(under.appeals).toHaveLength(1);
    expect(under.appeals[0].division).toHaveLength(3);
    expect(under.versions.map((v) => v.version)).toEqual(['FINAL_REPORT']);
    const appealedIds = new Set(under.versions[0].findings.map((f) => f.id));
    expect(under.appeals[0].findingIds.every((id) => appealedIds.has(id))).toBe(true);
    const notices = await rows(
      `SELECT d.title, d.classification, e.kind FROM documents d JOIN docket_entries e ON d.id = ANY(e.document_ids)
        WHERE d.dispute_id = $1 AND d.kind = 'NOTIFICATION' AND d.title LIKE 'Notification of an appeal%'`,
      [pending.id],
    );
    expect(notices).toEqual([{ title: expect.any(String), classification: 'PUBLIC', kind: 'fileDocument' }]);
    const [{ drawn }] = await rows(
      `SELECT count(*)::int AS drawn FROM docket_entries WHERE dispute_id = $1 AND kind = 'appellateDivisionDrawn'`,
      [pending.id],
    );
    expect(drawn).toBe(1);

    // Adopted after the appeal: the appellate report, an outcome per appealed finding, the appellate round's adoption.
    const [after] = await rows(
      `SELECT d.id FROM disputes d WHERE d.stage = 'ADOPTED' AND EXISTS (SELECT 1 FROM docket_entries e WHERE e.dispute_id = d.id AND e.kind = 'adoptAppellateReport')`,
    );
    const done = await t.gql(query, { id: after.id });
    expect(done.errors).toBeUndefined();
    const report = done.data?.dispute.report as Report;
    expect(report.adopted).toBe(true);
    expect(report.versions.map((v) => [v.version, v.status])).toEqual([
      ['FINAL_REPORT', 'CIRCULATED'],
      ['APPELLATE_REPORT', 'CIRCULATED'],
    ]);
    expect(report.versions[1].document?.classification).toBe('PUBLIC');
    const [appeal] = report.appeals;
    const withOutcome = report.versions[0].findings.filter((f) => f.appellateOutcome);
    expect(withOutcome.map((f) => f.id).sort()).toEqual([...appeal.findingIds].sort());
    expect(appeal.findingIds.length).toBeGreaterThan(0);
    expect(report.meetings.map((m) => [m.round, m.outcome])).toEqual([['APPELLATE', 'ADOPTED']]);
  });

  it('shows a report the body decided not to adopt, every member present having objected in time', async () => {
    const [d] = await rows(`SELECT id FROM disputes WHERE stage = 'NOT_ADOPTED'`);
    const res = await t.gql(`query ($id: ID) { dispute(id: $id) { ${REPORT} } }`, { id: d.id });
    expect(res.errors).toBeUndefined();
    const report = res.data?.dispute.report as Report;
    expect(report.adopted).toBe(false);
    const [meeting] = report.meetings;
    expect(meeting.outcome).toBe('NOT_ADOPTED');
    expect(meeting.objectingMembers).toEqual(meeting.presentMembers);
    expect(meeting.presentMembers.length).toBeGreaterThan(0);
    const [{ objections }] = await rows(`SELECT count(*)::int AS objections FROM adoption_objections WHERE dispute_id = $1`, [d.id]);
    expect(objections).toBe(meeting.presentMembers.length);
  });

  it('shows a party and a seated panelist the past hearings of a panel, with their attendance, docketed once', async () => {
    // A panel past its meetings with the parties, with third parties at their session.
    const [d] = await rows(
      `SELECT h.dispute_id AS id FROM hearings h WHERE h.kind = 'THIRD_PARTY_SESSION' AND h.ends_at < now()
        AND EXISTS (SELECT 1 FROM hearings s WHERE s.dispute_id = h.dispute_id AND s.kind = 'SECOND_SUBSTANTIVE_MEETING')
        ORDER BY h.starts_at LIMIT 1`,
    );
    const query = `query ($id: ID) { hearings(first: 20, filter: { disputeId: $id }) { nodes { kind startsAt endsAt status timeZone room { name }
      participants { kind refId name attended } } } }`;
    type Node = {
      kind: string;
      startsAt: string;
      endsAt: string;
      status: string;
      timeZone: string;
      room: { name: string };
      participants: { kind: string; refId: string; name: string; attended: boolean | null }[];
    };
    const party = await t.gql(query, { id: d.id }, await delegateOf(d.id, 'COMPLAINANT'));
    expect(party.errors).toBeUndefined();
    const nodes = party.data?.hearings.nodes as Node[];
    expect(nodes.map((h) => h.kind).sort()).toEqual(['FIRST_SUBSTANTIVE_MEETING', 'SECOND_SUBSTANTIVE_MEETING', 'THIRD_PARTY_SESSION']);
    const now = t.app.get(Clock).now().getTime();
    for (const h of nodes) {
      expect(h).toMatchObject({ status: 'SCHEDULED', timeZone: 'Europe/Zurich', room: { name: 'Council Room' } });
      expect(Date.parse(h.endsAt)).toBeLessThan(now);
      // Attendance recorded for everyone: the panel, the parties, the staff; third parties at their session only.
      expect(h.participants.every((p) => typeof p.attended === 'boolean')).toBe(true);
      expect(h.participants.filter((p) => p.kind === 'PANELIST').length).toBeGreaterThanOrEqual(3);
      expect(h.participants.filter((p) => p.kind === 'PARTY' && p.attended).length).toBeGreaterThanOrEqual(2);
      expect(h.participants.some((p) => p.kind === 'THIRD_PARTY')).toBe(h.kind === 'THIRD_PARTY_SESSION');
    }
    // Each held on a day before the docket's step of the meeting, which the attendance records.
    const steps = await rows(
      `SELECT kind, occurred_at, text FROM docket_entries WHERE dispute_id = $1
          AND kind IN ('holdFirstMeeting', 'holdSecondMeeting', 'scheduleHearing', 'recordAttendance') ORDER BY seq`,
      [d.id],
    );
    const count = (kind: string) => steps.filter((e: { kind: string }) => e.kind === kind).length;
    expect([count('holdFirstMeeting'), count('holdSecondMeeting'), count('scheduleHearing'), count('recordAttendance')]).toEqual([
      1, 1, 3, 3,
    ]);
    const first = nodes.find((h) => h.kind === 'FIRST_SUBSTANTIVE_MEETING') as Node;
    const held = steps.find((e: { kind: string }) => e.kind === 'holdFirstMeeting');
    expect(Date.parse(first.endsAt)).toBeLessThan(held.occurred_at.getTime());
    const scheduled = steps.filter((e: { kind: string }) => e.kind === 'scheduleHearing');
    expect(scheduled.every((e: { occurred_at: Date }) => e.occurred_at.getTime() < Date.parse(first.startsAt))).toBe(true);
    const attendance = steps.find(
      (e: { kind: string; text: string }) => e.kind === 'recordAttendance' && e.text.includes('first substantive'),
    );
    const present = first.participants.filter((p) => p.attended).length;
    expect(attendance.text).toContain(`${present} of ${first.participants.length} participants attended`);
    // A panelist seated on it sees them too.
    const [seat] = await rows(
      `SELECT u.email FROM panel_seats s JOIN users u ON u.id = s.user_id WHERE s.dispute_id = $1 AND s.vacated_at IS NULL LIMIT 1`,
      [d.id],
    );
    const panelist = await t.gql(query, { id: d.id }, await signIn(seat.email, 'panelist-demo-2026'));
    expect(panelist.errors).toBeUndefined();
    expect(panelist.data?.hearings.nodes).toHaveLength(3);
  });

  it('has a document for the panel only: the panelist reads it, the other party does not', async () => {
    const [doc] = await rows(`SELECT id, dispute_id FROM documents WHERE panel_only`);
    const query = `query ($id: ID) { documents(first: 100, filter: { disputeId: $id }) { nodes { id classification panelOnly } } }`;
    const panelist = await t.gql(query, { id: doc.dispute_id }, await signIn('panelist@demo.dsb', 'panelist-demo-2026'));
    expect(panelist.errors).toBeUndefined();
    expect(panelist.data?.documents.nodes).toContainEqual({ id: doc.id, classification: 'CONFIDENTIAL', panelOnly: true });
    const other = await delegateOf(doc.dispute_id, 'RESPONDENT');
    const respondent = await t.gql(query, { id: doc.dispute_id }, other);
    expect(respondent.errors).toBeUndefined();
    expect(respondent.data?.documents.nodes.map((n: { id: string }) => n.id)).not.toContain(doc.id);
    const direct = await t.gql(`query ($id: ID!) { document(id: $id) { id } }`, { id: doc.id }, other);
    expect(direct.data?.document ?? null).toBeNull();
    expect(direct.errors?.[0]?.extensions?.code).toEqual(expect.stringMatching(/NOT_FOUND/));
  });

  it('has disputes with their title and summary in the six languages, and a request with its French and Chinese versions', async () => {
    const res = await t.gql(
      `{ disputes(first: 100) { nodes { id languages title zh: title(language: "zh") ar: summary(language: "ar") } } }`,
    );
    expect(res.errors).toBeUndefined();
    const translated = res.data!.disputes.nodes.filter((d: { languages: string[] }) => d.languages.length > 1);
    expect(translated).toHaveLength(DEMO_TRANSLATED_DISPUTES);
    for (const d of translated) {
      expect(d.languages).toEqual(['en', 'zh', 'fr', 'es', 'ru', 'ar']);
      expect(d.zh).not.toBe(d.title);
      expect(d.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.ar).toMatch(/[\u0600-\u06ff]/);
    }
    const [doc] = await rows(`SELECT document_id FROM document_versions ORDER BY language`);
    const read = await t.gql(
      `query ($id: ID!) { document(id: $id) { kind classification languages fr: title(language: "fr") versions { language downloadPath } } }`,
      { id: doc.document_id },
    );
    expect(read.data!.document).toMatchObject({
      kind: 'REQUEST_FOR_CONSULTATIONS',
      classification: 'PUBLIC',
      languages: ['en', 'zh', 'fr'],
    });
    expect(read.data!.document.fr).toMatch(/^Demande de consultations — /);
    const zh = await t.http().get(read.data!.document.versions[0].downloadPath);
    expect(zh.status).toBe(200);
    expect(zh.text).toMatch(/^磋商请求/);
  });
});
