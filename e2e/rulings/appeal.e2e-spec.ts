import { drawDivision } from '@app/rulings';
import { TestApp, startTestApp } from '../utils/test-app';
import { Case, DAY, MEETING, REPORT, file, panelInProceedings, toCirculation } from './setup';

const APPEAL = `mutation($d: ID!, $f: [ID!]!) { fileAppeal(disputeId: $d, findingIds: $f) { seed findingIds division { id name } } }`;
const RECORD = `mutation($input: RecordAppellateReportInput!) { recordAppellateReport(input: $input) { version status document { classification } } }`;
const ROSTER = ['Ana Ortiz URY', 'Bo Lin SGP', 'Chidi Obi NGA', 'Dina Haddad JOR', 'Erik Lund SWE', 'Farah Khan MYS', 'Goran Ilic SRB'];

describe('rulings: appeal with a drawn division, appellate report and its adoption', () => {
  let t: TestApp;
  let c: Case;
  let findingIds: string[];
  const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    c = await panelInProceedings(t);
    await toCirculation(t, c);
    const view = (await t.gql(REPORT, { id: c.disputeId })).data!.dispute;
    findingIds = view.report.versions[0].findings.map((f: { id: string }) => f.id);
  });
  afterAll(() => t.close());

  it('keeps a standing roster managed by the secretariat', async () => {
    const ADD = `mutation($n: String!, $c: String!) { addAppellateMember(name: $n, nationality: $c) { id } }`;
    expect(errorOf(await t.gql(ADD, { n: 'X', c: 'CHN' }, c.tok('CHN')))?.code).toBe('FORBIDDEN');
    for (const entry of ROSTER) {
      const name = entry.slice(0, -4);
      expect((await t.gql(ADD, { n: name, c: entry.slice(-3) }, c.tok('SEC'))).errors).toBeUndefined();
    }
    expect((await t.gql(`{ appellateMembers { id } }`)).data!.appellateMembers).toHaveLength(7);
  });

  it('refuses an appeal by a third party, a member, or naming a finding that is not one', async () => {
    expect(errorOf(await t.gql(APPEAL, { d: c.disputeId, f: [findingIds[0]] }, c.tok('KAZ')))?.code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(APPEAL, { d: c.disputeId, f: [findingIds[0]] }, c.tok('IDN')))?.code).toBe('FORBIDDEN');
    const bogus = await t.gql(APPEAL, { d: c.disputeId, f: ['00000000-0000-4000-8000-000000000000'] }, c.tok('PAK'));
    expect(errorOf(bogus)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'findingIds' });
    expect((await t.db.query('SELECT count(*)::int AS n FROM appeals'))[0].n).toBe(0);
    expect((await t.gql(REPORT, { id: c.disputeId })).data!.dispute.stage).toBe('REPORT_CIRCULATED');
  });

  it('draws three members by a lot anyone can recompute from the published seed', async () => {
    const res = await t.gql(APPEAL, { d: c.disputeId, f: [findingIds[0]] }, c.tok('PAK'));
    expect(res.errors).toBeUndefined();
    const appeal = res.data!.fileAppeal;
    expect(appeal.division).toHaveLength(3);
    const roster = (await t.gql(`{ appellateMembers { id } }`)).data!.appellateMembers.map((m: { id: string }) => m.id);
    expect(appeal.division.map((m: { id: string }) => m.id)).toEqual(drawDivision(appeal.seed, roster));
    const view = (await t.gql(REPORT, { id: c.disputeId })).data!.dispute;
    expect(view.stage).toBe('UNDER_APPEAL');
    expect(view.report.appeal.seed).toBe(appeal.seed);
    const docket = JSON.stringify((await t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { text } } } }`, { id: c.disputeId })).data);
    expect(docket).toContain(appeal.seed);
  });

  it('refuses to adopt the appealed report before the appellate report', async () => {
    t.clock.advance(25 * DAY);
    expect(errorOf(await t.gql(MEETING, { d: c.disputeId, p: ['IDN'] }, c.tok('SEC')))?.code).toBe('INVALID_TRANSITION');
  });

  it('records the appellate report, public, with the reasons for a delay past 60 days', async () => {
    t.clock.advance(45 * DAY);
    const input = { disputeId: c.disputeId, outcomes: [{ findingId: findingIds[0], outcome: 'MODIFIED', reasoning: 'Narrower reasoning.' }], ...file('Appellate report') };
    expect(errorOf(await t.gql(RECORD, { input }, c.tok('SEC')))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.delayReason' });
    const wrong = { ...input, outcomes: [{ findingId: findingIds[1], outcome: 'UPHELD', reasoning: 'r' }], delayReason: 'Workload' };
    expect(errorOf(await t.gql(RECORD, { input: wrong }, c.tok('SEC')))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.outcomes.0.findingId' });
    expect(errorOf(await t.gql(RECORD, { input: { ...input, delayReason: 'Workload' } }, c.tok('CHN')))?.code).toBe('FORBIDDEN');
    const res = await t.gql(RECORD, { input: { ...input, delayReason: 'Translation of the record' } }, c.tok('SEC'));
    expect(res.data!.recordAppellateReport).toEqual({ version: 'APPELLATE_REPORT', status: 'CIRCULATED', document: { classification: 'PUBLIC' } });
  });

  it('adopts the appellate report by negative consensus and publishes the outcomes', async () => {
    await t.gql(`mutation($d: ID!) { objectToAdoption(disputeId: $d) }`, { d: c.disputeId }, c.tok('PAK'));
    const res = await t.gql(MEETING, { d: c.disputeId, p: ['PAK', 'CHN', 'IDN'] }, c.tok('SEC'));
    expect(res.data!.recordAdoptionMeeting).toEqual({ outcome: 'ADOPTED', objectingMembers: ['PAK'] });
    const list = await t.gql(`{ adoptedReports(first: 10) { nodes { dispute { id stage } report { appeal { seed } versions { version findings { finding appellateOutcome { outcome } } } } } } }`);
    const node = list.data!.adoptedReports.nodes[0];
    expect(node.dispute).toEqual({ id: c.disputeId, stage: 'ADOPTED' });
    const final = node.report.versions.find((v: { version: string }) => v.version === 'FINAL_REPORT');
    expect(final.findings.map((f: { appellateOutcome: { outcome: string } | null }) => f.appellateOutcome?.outcome ?? null)).toEqual(['MODIFIED', null]);
  });
});
