import { createHash } from 'node:crypto';
import { TestApp, startTestApp } from '../utils/test-app';
import { TAKE_ACTION } from '../utils/procedure';
import { CIRCULATE, Case, DAY, ISSUE, MEETING, OBJECT, REPORT, SUBMIT, VOTE, file, findings, meeting, panelInProceedings } from './setup';

describe('rulings: from the descriptive part to adoption', () => {
  let t: TestApp;
  let c: Case;
  let interimId: string;
  let finalId: string;
  let commentsDueOn: string;
  const COMMENT = `mutation($input: CommentOnReportInput!) { commentOnReport(input: $input) }`;
  let submissionId: string;
  const OPINIONS = [
    'I would have decided the SPS claim rather than exercise judicial economy.',
    'Concurring: the licensing is also a de facto ban.',
  ];
  const report = async (token?: string) => (await t.gql(REPORT, { id: c.disputeId }, token)).data!.dispute;
  const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    c = await panelInProceedings(t);
    const filed = await t.gql(
      `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`,
      {
        input: {
          disputeId: c.disputeId,
          kind: 'FIRST_WRITTEN_SUBMISSION',
          classification: 'RESTRICTED',
          ...file('First written submission of CHN'),
        },
      },
      c.tok('CHN'),
    );
    submissionId = filed.data!.fileDocument.id;
  });
  afterAll(() => t.close());

  it('refuses to circulate before a final report exists', async () => {
    expect(errorOf(await t.gql(CIRCULATE, { d: c.disputeId }, c.tok('SEC')))?.code).toBe('INVALID_TRANSITION');
  });

  it('issues the descriptive part at once, restricted, only from a seated panelist', async () => {
    const input = { disputeId: c.disputeId, version: 'DESCRIPTIVE_PART', ...file('Descriptive part') };
    expect(errorOf(await t.gql(SUBMIT, { input }, c.tok('CHN')))?.code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(SUBMIT, { input }, c.pan('D')))?.code).toBe('FORBIDDEN');
    const res = await t.gql(SUBMIT, { input }, c.pan('B'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitReport).toMatchObject({
      version: 'DESCRIPTIVE_PART',
      status: 'ISSUED',
      document: { classification: 'RESTRICTED' },
    });
    expect((await report()).stage).toBe('PANEL_PROCEEDINGS');
  });

  it('takes the parties’ comments on the descriptive part within the timetable’s period (DSU 15.1)', async () => {
    const descriptive = (await report(c.tok('CHN'))).report.versions.find((v: { version: string }) => v.version === 'DESCRIPTIVE_PART');
    expect(
      (await t.gql(COMMENT, { input: { reportId: descriptive.id, ...file('Comments on the facts') } }, c.tok('PAK'))).data!.commentOnReport,
    ).toBe(true);
    expect(errorOf(await t.gql(COMMENT, { input: { reportId: descriptive.id, ...file('x') } }, c.tok('KAZ')))?.code).toBe('FORBIDDEN');
    const docket = JSON.stringify(
      (await t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { kind text } } } }`, { id: c.disputeId })).data,
    );
    expect(docket).toContain('PAK commented on the descriptive part (DSU 15.1).');
  });

  it('refuses a finding outside the terms of reference, naming the field, writing nothing', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM reports'))[0].n;
    const docs = (await t.db.query('SELECT count(*)::int AS n FROM documents'))[0].n;
    const badMeasure = [{ ...findings[0], measure: 'Tariffs on steel' }];
    const r1 = await t.gql(
      SUBMIT,
      { input: { disputeId: c.disputeId, version: 'INTERIM_REPORT', findings: badMeasure, ...file('I') } },
      c.pan('A'),
    );
    expect(errorOf(r1)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.findings.0.measure' });
    const badProvision = [findings[0], { ...findings[1], provision: 'TRIPS Art. 3' }];
    const r2 = await t.gql(
      SUBMIT,
      { input: { disputeId: c.disputeId, version: 'INTERIM_REPORT', findings: badProvision, ...file('I') } },
      c.pan('A'),
    );
    expect(errorOf(r2)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.findings.1.provision' });
    expect((await t.db.query('SELECT count(*)::int AS n FROM reports'))[0].n).toBe(before);
    expect((await t.db.query('SELECT count(*)::int AS n FROM documents'))[0].n).toBe(docs);
  });

  it('deliberates on the interim draft: a majority of the seated panel approves, then the panel issues it', async () => {
    const res = await t.gql(
      SUBMIT,
      { input: { disputeId: c.disputeId, version: 'INTERIM_REPORT', findings, ...file('Interim report') } },
      c.pan('A'),
    );
    expect(res.errors).toBeUndefined();
    interimId = res.data!.submitReport.id;
    expect(res.data!.submitReport).toMatchObject({ status: 'DRAFT', document: { classification: 'CONFIDENTIAL' } });
    // The draft is the panel's alone.
    for (const who of ['CHN', 'SEC'])
      expect((await report(c.tok(who))).report.versions.map((v: { id: string }) => v.id)).not.toContain(interimId);
    expect(
      errorOf(await t.gql(`query($id: ID!) { document(id: $id) { title } }`, { id: res.data!.submitReport.document.id }, c.tok('CHN')))
        ?.code,
    ).toBe('NOT_FOUND');
    // Nor can the secretariat touch it: to a mutation too, a document it may not see does not exist.
    const derestrict = await t.gql(
      `mutation($id: ID!) { derestrictDocument(id: $id) { id } }`,
      { id: res.data!.submitReport.document.id },
      c.tok('SEC'),
    );
    expect(errorOf(derestrict)).toMatchObject({ code: 'NOT_FOUND' });
    expect(derestrict.errors![0].message).not.toMatch(/confidential/i);
    expect((await t.gql(VOTE, { r: interimId, a: true }, c.pan('A'))).data!.voteOnReport).toBe(true);
    expect(errorOf(await t.gql(VOTE, { r: interimId, a: false }, c.pan('A')))?.code).toBe('CONFLICT');
    expect(errorOf(await t.gql(VOTE, { r: interimId, a: true }, c.pan('D')))?.code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(VOTE, { r: interimId, a: true }, c.tok('SEC')))?.code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(ISSUE, { r: interimId }, c.pan('A')))?.code).toBe('INVALID_TRANSITION');
    await t.gql(VOTE, { r: interimId, a: false }, c.pan('C'));
    await t.gql(VOTE, { r: interimId, a: true }, c.pan('B'));
    // Approved, but the substantive meetings of the timetable have not been held (Appendix 3 ¶12).
    const early = await t.gql(ISSUE, { r: interimId }, c.pan('C'));
    expect(errorOf(early)?.code).toBe('INVALID_TRANSITION');
    expect(early.errors![0].message).toContain('first substantive meeting has not been held');
    expect((await t.gql(TAKE_ACTION, { id: c.disputeId, action: 'holdFirstMeeting' }, c.pan('B'))).errors).toBeUndefined();
    // The panel may decide not to hold the second one, with its reasons on the docket.
    expect(errorOf(await t.gql(TAKE_ACTION, { id: c.disputeId, action: 'dispenseWithSecondMeeting' }, c.pan('B')))?.code).toBe(
      'INVALID_TRANSITION',
    );
    expect(errorOf(await t.gql(TAKE_ACTION, { id: c.disputeId, action: 'dispenseWithSecondMeeting', note: 'x' }, c.tok('SEC')))?.code).toBe(
      'FORBIDDEN',
    );
    const dispensed = await t.gql(
      TAKE_ACTION,
      { id: c.disputeId, action: 'dispenseWithSecondMeeting', note: 'The parties agreed that written answers suffice.' },
      c.pan('B'),
    );
    expect(dispensed.errors).toBeUndefined();
    const issued = await t.gql(
      `mutation($r: ID!) { issueReport(reportId: $r) { status commentsDueOn document { classification } } }`,
      { r: interimId },
      c.pan('C'),
    );
    expect(issued.data!.issueReport).toMatchObject({ status: 'ISSUED', document: { classification: 'RESTRICTED' } });
    // The interim review period is the timetable's (Appendix 3 ¶12(h)), not a fixed 14 days.
    const [row] = await t.db.query(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM deadlines WHERE dispute_id = $1 AND rule = 'TIMETABLE_REVIEW_REQUESTS' AND status = 'OPEN'`,
      [c.disputeId],
    );
    commentsDueOn = issued.data!.issueReport.commentsDueOn;
    expect(commentsDueOn).toBe(row.due);
    expect((await report()).stage).toBe('INTERIM_REVIEW');
    const party = (await report(c.tok('PAK'))).report.versions.find((v: { id: string }) => v.id === interimId);
    expect(party.findings).toHaveLength(2);
    expect(party.deliberation).toBeNull();
  });

  it('takes the parties’ requests for review until the end of the interim review period, not from others', async () => {
    expect((await t.gql(COMMENT, { input: { reportId: interimId, ...file('Comments of CHN') } }, c.tok('CHN'))).data!.commentOnReport).toBe(
      true,
    );
    expect(errorOf(await t.gql(COMMENT, { input: { reportId: interimId, ...file('Comments of KAZ') } }, c.tok('KAZ')))?.code).toBe(
      'FORBIDDEN',
    );
    // No final report while the parties may still ask for a review (DSU 15.2).
    const draft = await t.gql(
      SUBMIT,
      { input: { disputeId: c.disputeId, version: 'FINAL_REPORT', findings, ...file('Final report') } },
      c.pan('A'),
    );
    finalId = draft.data!.submitReport.id;
    await t.gql(VOTE, { r: finalId, a: true }, c.pan('A'));
    await t.gql(VOTE, { r: finalId, a: true }, c.pan('C'));
    const early = await t.gql(ISSUE, { r: finalId }, c.pan('A'));
    expect(errorOf(early)).toMatchObject({ code: 'NOT_YET_ALLOWED' });
    t.clock.set(new Date(new Date(`${commentsDueOn}T12:00:00Z`).getTime() + DAY));
    expect(errorOf(await t.gql(COMMENT, { input: { reportId: interimId, ...file('Late') } }, c.tok('PAK')))?.code).toBe('DEADLINE_PASSED');
  });

  it('issues the final report with unsigned separate opinions, and circulates it publicly', async () => {
    const OPINION = `mutation($r: ID!, $t: String!) { submitSeparateOpinion(reportId: $r, text: $t) }`;
    expect((await t.gql(OPINION, { r: finalId, t: OPINIONS[0] }, c.pan('B'))).data!.submitSeparateOpinion).toBe(true);
    expect((await t.gql(OPINION, { r: finalId, t: OPINIONS[1] }, c.pan('C'))).data!.submitSeparateOpinion).toBe(true);
    expect(errorOf(await t.gql(OPINION, { r: finalId, t: 'x' }, c.pan('D')))?.code).toBe('FORBIDDEN');
    await t.gql(VOTE, { r: finalId, a: false }, c.pan('B'));
    expect((await t.gql(ISSUE, { r: finalId }, c.pan('B'))).errors).toBeUndefined();
    expect(errorOf(await t.gql(CIRCULATE, { d: c.disputeId }, c.tok('CHN')))?.code).toBe('FORBIDDEN');
    const circ = await t.gql(CIRCULATE, { d: c.disputeId }, c.tok('SEC'));
    expect(circ.data!.circulateReport).toMatchObject({ status: 'CIRCULATED', document: { classification: 'PUBLIC' } });
    const [doc] = await t.db.query('SELECT classification, derestricted_at FROM documents WHERE id = $1', [
      circ.data!.circulateReport.document.id,
    ]);
    expect(doc.classification).toBe('PUBLIC');
    expect(doc.derestricted_at).not.toBeNull();
    const anon = await report();
    expect(anon.stage).toBe('REPORT_CIRCULATED');
    expect(anon.report.versions.map((v: { version: string }) => v.version)).toEqual(['FINAL_REPORT']);
  });

  it('keeps separate opinions anonymous and votes within the panel, from every role’s view', async () => {
    const columns = (await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'separate_opinions'`)).map(
      (r: { column_name: string }) => r.column_name,
    );
    expect(columns.sort()).toEqual(['id', 'report_id', 'text', 'text_sha256']);
    const audits = await t.db.query(`SELECT target_type, target_id, details FROM audit_log WHERE operation = 'submitSeparateOpinion'`);
    expect(audits).toHaveLength(2);
    for (const a of audits) expect(a).toEqual({ target_type: 'Report', target_id: finalId, details: {} });
    const voteAudits = await t.db.query(`SELECT target_type, details FROM audit_log WHERE operation = 'voteOnReport'`);
    for (const a of voteAudits) expect(a).toEqual({ target_type: 'Report', details: {} });
    const byHash = [...OPINIONS].sort((x, y) => sha(x).localeCompare(sha(y)));
    const views: Record<string, string | undefined> = {
      anonymous: undefined,
      complainant: c.tok('CHN'),
      respondent: c.tok('PAK'),
      thirdParty: c.tok('KAZ'),
      member: c.tok('IDN'),
      secretariat: c.tok('SEC'),
      panelistHere: c.pan('A'),
      panelistElsewhere: c.pan('D'),
    };
    for (const [who, token] of Object.entries(views)) {
      const body = JSON.stringify(await t.gql(REPORT, { id: c.disputeId }, token));
      const final = JSON.parse(body).data.dispute.report.versions.find((v: { id: string }) => v.id === finalId);
      expect(final.separateOpinions.map((o: { text: string }) => o.text)).toEqual(byHash);
      if (who === 'panelistHere') {
        expect(final.deliberation).toMatchObject({ seats: 3, needed: 2 });
        expect(final.deliberation.votes).toEqual(expect.arrayContaining([{ name: 'Bruno Braga', approve: false }]));
      } else {
        expect(final.deliberation).toBeNull();
        expect(body).not.toMatch(/Bruno Braga|Clara Chevalier|Alice Ang/);
        expect(body).not.toMatch(/"approve"/);
      }
    }
    const docket = JSON.stringify(
      (await t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { text } } } }`, { id: c.disputeId })).data,
    );
    for (const o of OPINIONS) expect(docket).not.toContain(o);
  });

  it('adopts from day 20 at a meeting with a quorum, unless every member present objected in time', async () => {
    expect((await t.gql(OBJECT, { d: c.disputeId }, c.tok('IDN'))).data!.objectToAdoption).toBe(true);
    expect(errorOf(await t.gql(OBJECT, { d: c.disputeId }, c.tok('IDN')))?.code).toBe('CONFLICT');
    expect(errorOf(await t.gql(MEETING, { d: c.disputeId, m: await meeting(t) }, c.tok('SEC')))?.code).toBe('NOT_YET_ALLOWED');
    t.clock.advance(20 * DAY);
    expect(errorOf(await t.gql(MEETING, { d: c.disputeId, m: await meeting(t) }, c.tok('CHN')))?.code).toBe('FORBIDDEN');
    // IDN alone is not the body: 1 of the 8 members is no quorum.
    const lone = await t.gql(MEETING, { d: c.disputeId, m: await meeting(t, ['IDN']) }, c.tok('SEC'));
    expect(errorOf(lone)?.code).toBe('INVALID_TRANSITION');
    expect(lone.errors![0].message).toContain('quorum');
    expect((await report()).stage).toBe('REPORT_CIRCULATED');
    const adopted = await t.gql(MEETING, { d: c.disputeId, m: await meeting(t, ['IDN', 'MYS', 'CHN', 'PAK', 'KAZ']) }, c.tok('SEC'));
    expect(adopted.data!.recordAdoptionMeeting).toEqual({ outcome: 'ADOPTED', objectingMembers: ['IDN'] });
    const view = await report();
    expect(view.stage).toBe('ADOPTED');
    expect(view.report.adopted).toBe(true);
    expect(view.report.meetings.map((m: { outcome: string }) => m.outcome)).toEqual(['ADOPTED']);
    const [entry] = await t.db.query(`SELECT actor_role, text FROM docket_entries WHERE dispute_id = $1 AND kind = 'adoptReport'`, [
      c.disputeId,
    ]);
    expect(entry.actor_role).toBe('BODY');
    expect(entry.text).toContain('5 of 8 members present');
  });

  it('refuses an appeal after adoption', async () => {
    const res = await t.gql(
      `mutation($d: ID!, $f: [ID!]!) { fileAppeal(disputeId: $d, findingIds: $f) { id } }`,
      { d: c.disputeId, f: [] },
      c.tok('PAK'),
    );
    expect(errorOf(res)?.code).toBe('BAD_USER_INPUT');
    const view = await report();
    const findingId = view.report.versions[0].findings[0].id;
    const late = await t.gql(
      `mutation($d: ID!, $f: [ID!]!) { fileAppeal(disputeId: $d, findingIds: $f) { id } }`,
      { d: c.disputeId, f: [findingId] },
      c.tok('PAK'),
    );
    expect(errorOf(late)?.code).toBe('INVALID_TRANSITION');
  });

  it('lists the adopted report publicly, with findings and opinions', async () => {
    const res = await t.gql(
      `{ adoptedReports(first: 10) { nodes { dispute { id } report { versions { version findings { finding } separateOpinions { textSha256 } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const node = res.data!.adoptedReports.nodes.find((n: { dispute: { id: string } }) => n.dispute.id === c.disputeId);
    expect(node.report.versions[0].findings.map((f: { finding: string }) => f.finding)).toEqual(['INCONSISTENT', 'NOT_DECIDED']);
    expect(node.report.versions[0].separateOpinions).toHaveLength(2);
  });

  it('publishes nothing more on adoption: submissions, descriptive part, interim report and comments stay restricted (DSU 14.1, 18.2)', async () => {
    const rows = await t.db.query(
      `SELECT id, kind, classification, derestricted_at FROM documents WHERE dispute_id = $1 ORDER BY filed_at, kind`,
      [c.disputeId],
    );
    const restricted = rows.filter((r: { classification: string }) => r.classification === 'RESTRICTED');
    expect(restricted.map((r: { kind: string }) => r.kind).sort()).toEqual(
      ['COMMENTS_ON_REPORT', 'COMMENTS_ON_REPORT', 'FIRST_WRITTEN_SUBMISSION', 'PANEL_REPORT', 'PANEL_REPORT'].sort(),
    );
    expect(restricted.map((r: { id: string }) => r.id)).toContain(submissionId);
    for (const r of restricted) {
      expect(r.derestricted_at).toBeNull();
      expect(errorOf(await t.gql(`query($id: ID!) { document(id: $id) { title } }`, { id: r.id }))?.code).toBe('NOT_FOUND');
    }
    // The circulated final report alone is public (DSU 16.1), to anyone without signing in.
    const published = rows.filter((r: { classification: string }) => r.classification === 'PUBLIC');
    expect(published.map((r: { kind: string }) => r.kind)).toEqual(['PANEL_REPORT']);
    const anon = await t.gql(`query($id: ID!) { document(id: $id) { title classification } }`, { id: published[0].id });
    expect(anon.data!.document).toEqual({ title: 'Final report', classification: 'PUBLIC' });
    await t.http().get(`/documents/${published[0].id}/content`).expect(200);
  });

  it('refuses for ever to derestrict the descriptive part, the interim report, the comments and the submissions (NEVER_PUBLIC)', async () => {
    const rows = await t.db.query(`SELECT id, kind FROM documents WHERE dispute_id = $1 AND classification = 'RESTRICTED'`, [c.disputeId]);
    expect(rows).toHaveLength(5);
    for (const { id } of rows) {
      const res = await t.gql(`mutation($id: ID!) { derestrictDocument(id: $id) { id } }`, { id }, c.tok('SEC'));
      expect(errorOf(res)).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'NEVER_PUBLIC' });
      expect(res.errors![0].message).toMatch(/DSU 14\.1|DSU 18\.2/);
    }
    const still = await t.db.query(`SELECT count(*)::int AS n FROM documents WHERE dispute_id = $1 AND classification = 'RESTRICTED'`, [
      c.disputeId,
    ]);
    expect(still[0].n).toBe(5);
  });
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
