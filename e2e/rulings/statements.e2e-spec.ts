import { MemberEntity, UserEntity } from '@app/core';
import { RosterPersonEntity } from '@app/panels';
import { createHash, randomUUID } from 'node:crypto';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($input: RequestConsultationsInput!) { requestConsultations(input: $input) { id } }`;
// Every nested field of a report: versions, their documents, findings with appellate outcomes,
// opinions and deliberation; the appeal with its division; the meetings.
const REPORT_FIELDS = `report { adopted
  versions { id version status title document { id classification } findings { id finding appellateOutcome { outcome } }
    separateOpinions { textSha256 } deliberation { seats needed votes { name approve } } }
  appeals { seed findingIds division { name } } meetings { round outcome objectingMembers } }`;
const DISPUTES = (n: number) => `{ disputes(first: ${n}) { nodes { id ${REPORT_FIELDS} } } }`;
const ADOPTED = (n: number) => `{ adoptedReports(first: ${n}) { nodes { dispute { id } ${REPORT_FIELDS} } } }`;
const SIZE = 100;
const PANEL_NAMES = { A: 'Alice Ang', B: 'Bruno Braga', C: 'Clara Chevalier', D: 'Dan Dunn' } as const;
type Panelist = keyof typeof PANEL_NAMES;
type Viewer = 'anonymous' | 'CHN' | 'KAZ' | 'SEC' | 'A' | 'B';

interface Seeded {
  complainant: 'CHN' | 'IDN';
  panel: Panelist[];
  appealed: boolean;
}

interface VersionNode {
  version: string;
  status: string;
  document: { classification: string } | null;
  findings: { appellateOutcome: { outcome: string } | null }[];
  separateOpinions: unknown[];
  deliberation: { seats: number; needed: number; votes: { name: string }[] } | null;
}
interface ReportNode {
  adopted: boolean;
  versions: VersionNode[];
  appeals: { division: { name: string }[] }[];
  meetings: { outcome: string }[];
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Many disputes with full reports: the nested fields of `dispute.report` and `adoptedReports` are
 * loaded in batches, so the number of SQL statements does not grow with the page, and the batches
 * keep each dispute's visibility (drafts, issued versions, deliberation) to its own viewers.
 */
describe('rulings: statements per page of reports', () => {
  let t: TestApp;
  const members: Record<string, MemberEntity> = {};
  const users: Record<string, UserEntity> = {};
  const panelists = {} as Record<Panelist, UserEntity>;
  const persons = {} as Record<Panelist, RosterPersonEntity>;
  const seeded = new Map<string, Seeded>();
  const tokenOf = (viewer: Viewer): string | undefined =>
    viewer === 'anonymous' ? undefined : t.tokenFor(viewer === 'A' || viewer === 'B' ? panelists[viewer] : users[viewer]);

  const insert = async (table: string, rows: Record<string, unknown>[]) => {
    if (!rows.length) return;
    const columns = Object.keys(rows[0]);
    const values: unknown[] = [];
    const tuples = rows.map((row) => `(${columns.map((col) => `$${values.push(row[col])}`).join(', ')})`);
    await t.db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    for (const code of ['CHN', 'PAK', 'KAZ', 'IDN']) {
      members[code] = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members[code].id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    for (const key of Object.keys(PANEL_NAMES) as Panelist[]) {
      panelists[key] = await createUser(t.db, { role: 'PANELIST' });
      const repo = t.db.getRepository(RosterPersonEntity);
      persons[key] = await repo.save(
        repo.create({
          name: PANEL_NAMES[key],
          nationality: 'SGP',
          expertise: ['trade in goods'],
          languages: ['en'],
          available: true,
          status: 'APPROVED',
          nominatedByMemberId: members.IDN.id,
          userId: panelists[key].id,
        }),
      );
    }
    const roster = ['Ana Ortiz', 'Bo Lin', 'Chidi Obi', 'Dina Haddad', 'Erik Lund', 'Farah Khan', 'Goran Ilic'].map((name) => ({
      id: randomUUID(),
      name,
      nationality: 'URY',
      active: true,
      added_at: '2026-01-05T09:00:00Z',
    }));
    await insert('appellate_members', roster);

    // The disputes are filed through the API; their reports, seats, votes, appeals and meetings
    // are written directly, as the rulings' commands would have left them.
    const rows: Record<string, Record<string, unknown>[]> = {
      dispute_parties: [],
      panel_seats: [],
      documents: [],
      reports: [],
      findings: [],
      report_votes: [],
      separate_opinions: [],
      appeals: [],
      appellate_outcomes: [],
      adoption_meetings: [],
    };
    for (let i = 0; i < SIZE; i += 1) {
      const complainant = i % 2 === 0 ? 'CHN' : 'IDN';
      // One filing a minute: the pages (newest first) are in a known order, so the first ten hold
      // every kind of dispute (appealed, Bruno's panel, CHN's case) and no statement is skipped for want of keys.
      t.clock.advance(60_000);
      const res = await t.gql(
        FILE,
        {
          input: {
            respondents: ['PAK'],
            title: `Fruit ${i}`,
            measures: ['Import licensing of fruit'],
            legalBasis: ['GATT Art. XI:1'],
            summary: 'S',
          },
        },
        t.tokenFor(users[complainant]),
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      const disputeId: string = res.data!.requestConsultations.id;
      // Bruno sits on every other panel, Dan on the others: what a panelist sees differs by dispute.
      const panel: Panelist[] = ['A', 'C', i % 2 === 0 ? 'B' : 'D'];
      const appealed = i % 3 === 0;
      seeded.set(disputeId, { complainant, panel, appealed });
      rows.dispute_parties.push({
        dispute_id: disputeId,
        member_id: members.KAZ.id,
        kind: 'THIRD_PARTY',
        joined_at: '2026-03-03T09:00:00Z',
        consultations_status: 'ACCEPTED',
        panel_joined_at: '2026-03-20T09:00:00Z',
      });
      const electionId = randomUUID();
      for (const key of panel) {
        rows.panel_seats.push({
          dispute_id: disputeId,
          user_id: panelists[key].id,
          person_id: persons[key].id,
          election_id: electionId,
          elected_rank: panel.indexOf(key),
          chair: key === 'A',
          seated_at: '2026-04-01T09:00:00Z',
        });
      }
      let minute = 0;
      const report = (version: string, status: string, classification: string, extra: Record<string, unknown> = {}) => {
        minute += 1;
        const documentId = randomUUID();
        const title = `${version} ${i}`;
        rows.documents.push({
          id: documentId,
          dispute_id: disputeId,
          kind: 'PANEL_REPORT',
          title,
          file_name: 'report.pdf',
          media_type: 'application/pdf',
          size_bytes: 10,
          sha256: sha(title),
          filed_by_id: panelists.A.id,
          filed_at: `2026-06-01T09:${String(minute).padStart(2, '0')}:00Z`,
          classification,
          reader_ids: classification === 'CONFIDENTIAL' ? panel.map((k) => panelists[k].id) : [],
        });
        const id = randomUUID();
        rows.reports.push({
          id,
          dispute_id: disputeId,
          version,
          status,
          document_id: documentId,
          title,
          submitted_at: `2026-06-01T09:${String(minute).padStart(2, '0')}:00Z`,
          issued_at: status === 'ISSUED' || status === 'CIRCULATED' ? '2026-06-02T09:00:00Z' : null,
          circulated_at: status === 'CIRCULATED' ? '2026-06-03T09:00:00Z' : null,
          comments_due_on: null,
          ...extra,
        });
        return id;
      };
      const finding = (reportId: string, position: number) => {
        const id = randomUUID();
        rows.findings.push({
          id,
          report_id: reportId,
          dispute_id: disputeId,
          position,
          measure: 'Import licensing of fruit',
          provision: 'GATT Art. XI:1',
          finding: position === 0 ? 'INCONSISTENT' : 'NOT_DECIDED',
          reasoning: 'r',
          recommendation: null,
        });
        return id;
      };
      const votes = (reportId: string, approve: boolean) => {
        for (const key of panel)
          rows.report_votes.push({ report_id: reportId, person_id: persons[key].id, approve: key === 'C' ? !approve : approve });
      };
      report('DESCRIPTIVE_PART', 'ISSUED', 'RESTRICTED');
      const interim = report('INTERIM_REPORT', 'ISSUED', 'RESTRICTED', { comments_due_on: '2026-06-16' });
      finding(interim, 0);
      finding(interim, 1);
      votes(interim, true);
      const rejected = report('FINAL_REPORT', 'REJECTED', 'CONFIDENTIAL');
      finding(rejected, 0);
      votes(rejected, false);
      const final = report('FINAL_REPORT', 'CIRCULATED', 'PUBLIC');
      const appealedFinding = finding(final, 0);
      finding(final, 1);
      votes(final, true);
      for (const text of [`Dissent in ${i}`, `Concurring in ${i}`])
        rows.separate_opinions.push({ report_id: final, text, text_sha256: sha(text) });
      rows.adoption_meetings.push({
        dispute_id: disputeId,
        round: 'PANEL',
        held_at: '2026-06-25T09:00:00Z',
        present_members: ['IDN'],
        objecting_members: ['IDN'],
        outcome: 'NOT_ADOPTED',
      });
      if (appealed) {
        const appealId = randomUUID();
        rows.appeals.push({
          id: appealId,
          dispute_id: disputeId,
          filed_by_member_id: members.PAK.id,
          filed_at: '2026-06-20T09:00:00Z',
          finding_ids: [appealedFinding],
          seed: `seed-${i}`,
          division_ids: roster.slice(i % 4, (i % 4) + 3).map((m) => m.id),
          delay_reason: null,
        });
        report('APPELLATE_REPORT', 'CIRCULATED', 'PUBLIC');
        rows.appellate_outcomes.push({ appeal_id: appealId, finding_id: appealedFinding, outcome: 'MODIFIED', reasoning: 'Narrower.' });
      }
      rows.adoption_meetings.push({
        dispute_id: disputeId,
        round: appealed ? 'APPELLATE' : 'PANEL',
        held_at: '2026-08-25T09:00:00Z',
        present_members: ['CHN', 'IDN', 'PAK'],
        objecting_members: ['IDN'],
        outcome: 'ADOPTED',
      });
    }
    for (const [table, list] of Object.entries(rows)) await insert(table, list);
    await t.db.query(
      `UPDATE disputes SET stage = 'ADOPTED', events = events || jsonb_build_object('REPORT_ADOPTED', '2026-08-25') WHERE id = ANY($1)`,
      [[...seeded.keys()]],
    );
  });
  afterAll(() => t.close());

  /**
   * The operation's SQL statements, less the one charge of a large page to the query budget and
   * the public cache's read of the version an anonymous answer is kept under (README, "Public reads
   * from a cache"): an anonymous query is kept unless it is expensive, as a large page is.
   */
  const statements = async (query: string, viewer: Viewer, n: number) => {
    const token = tokenOf(viewer);
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const res = await t.gql(query, {}, token);
    const sqls = spy.mock.calls.map(([sql]) => String(sql));
    spy.mockRestore();
    expect(res.errors).toBeUndefined();
    const charged = sqls.filter((sql) => sql.includes('rate_limits')).length;
    expect(charged).toBe(n > 10 ? 1 : 0);
    const versionRead = sqls.filter((sql) => sql.includes('public_read_version')).length;
    expect(versionRead).toBe(viewer === 'anonymous' && n <= 10 ? 1 : 0);
    return { count: sqls.length - charged - versionRead, sqls, data: res.data! };
  };

  /** What the viewer may see of a seeded dispute's report, by the rules of report-view.service.ts. */
  const visible = (viewer: Viewer, d: Seeded) => {
    const onPanel = (viewer === 'A' || viewer === 'B') && d.panel.includes(viewer);
    const insider = onPanel || viewer === 'SEC' || viewer === d.complainant;
    const all = [
      'DESCRIPTIVE_PART:ISSUED',
      'INTERIM_REPORT:ISSUED',
      'FINAL_REPORT:REJECTED',
      'FINAL_REPORT:CIRCULATED',
      ...(d.appealed ? ['APPELLATE_REPORT:CIRCULATED'] : []),
    ];
    return {
      onPanel,
      versions: all.filter((v) => v.endsWith(':CIRCULATED') || (v.endsWith(':ISSUED') && insider) || onPanel),
    };
  };

  const checkVisibility = (viewer: Viewer, nodes: { id: string; report: ReportNode }[]) => {
    for (const { id, report } of nodes) {
      const d = seeded.get(id)!;
      const expected = visible(viewer, d);
      expect(report.versions.map((v) => `${v.version}:${v.status}`)).toEqual(expected.versions);
      expect(report.adopted).toBe(true);
      expect(report.meetings.map((m) => m.outcome)).toEqual(['NOT_ADOPTED', 'ADOPTED']);
      expect(report.appeals.map((a) => a.division.length)).toEqual(d.appealed ? [3] : []);
      for (const v of report.versions) {
        // Every listed version's document is one the viewer may open.
        expect(v.document).not.toBeNull();
        const deliberated = v.version === 'INTERIM_REPORT' || v.version === 'FINAL_REPORT';
        if (expected.onPanel && deliberated) {
          expect(v.deliberation).toMatchObject({ seats: 3, needed: 2 });
          expect(v.deliberation!.votes.map((x) => x.name)).toEqual(d.panel.map((k) => PANEL_NAMES[k]).sort());
        } else {
          expect(v.deliberation).toBeNull();
        }
      }
      const final = report.versions.find((v) => v.version === 'FINAL_REPORT' && v.status === 'CIRCULATED')!;
      expect(final.separateOpinions).toHaveLength(2);
      expect(final.findings.map((f) => f.appellateOutcome?.outcome ?? null)).toEqual(d.appealed ? ['MODIFIED', null] : [null, null]);
    }
    if (viewer !== 'A' && viewer !== 'B') {
      // Outside the panel, nothing names a panelist (votes are the deliberation's).
      expect(JSON.stringify(nodes)).not.toMatch(/Alice Ang|Bruno Braga|Clara Chevalier|Dan Dunn/);
    }
  };

  // `adoptedReports`, anonymous: the page, then one statement each for the reports, the appeals,
  // the meetings, the findings, the opinions, the appellate outcomes, the documents (through the
  // registry's document policy) and the appellate division: 9. A signed-in viewer adds its user
  // (the token's check); a member delegate its places in the disputes (the parties); a panelist
  // its seats (with the panel sizes of the deliberation), the votes, and its panels for the document
  // policy. `disputes { report }` reads the disputes once more by id (its parents are GraphQL types).
  const EXPECTED: Record<Viewer, { adoptedReports: number; disputes: number }> = {
    anonymous: { adoptedReports: 9, disputes: 10 },
    CHN: { adoptedReports: 11, disputes: 12 },
    KAZ: { adoptedReports: 11, disputes: 12 },
    SEC: { adoptedReports: 10, disputes: 11 },
    A: { adoptedReports: 13, disputes: 14 },
    B: { adoptedReports: 13, disputes: 14 },
  };

  it.each(Object.keys(EXPECTED) as Viewer[])(
    'runs as many statements for 100 disputes as for 10, each seeing what it may (%s)',
    async (viewer) => {
      const disputes10 = await statements(DISPUTES(10), viewer, 10);
      const disputes100 = await statements(DISPUTES(SIZE), viewer, SIZE);
      expect(disputes100.data.disputes.nodes).toHaveLength(SIZE);
      checkVisibility(viewer, disputes100.data.disputes.nodes);
      expect(disputes100.data.disputes.nodes.slice(0, 10)).toEqual(disputes10.data.disputes.nodes);

      const adopted10 = await statements(ADOPTED(10), viewer, 10);
      const adopted100 = await statements(ADOPTED(SIZE), viewer, SIZE);
      const nodes = adopted100.data.adoptedReports.nodes.map((n: { dispute: { id: string }; report: ReportNode }) => ({
        id: n.dispute.id,
        report: n.report,
      }));
      expect(nodes).toHaveLength(SIZE);
      checkVisibility(viewer, nodes);
      expect(adopted100.data.adoptedReports.nodes.slice(0, 10)).toEqual(adopted10.data.adoptedReports.nodes);

      // Outside every panel, the votes are not even read.
      for (const { sqls } of [disputes100, adopted100])
        expect(sqls.some((sql) => sql.includes('report_votes'))).toBe(viewer === 'A' || viewer === 'B');
      expect(disputes100.count).toBe(disputes10.count);
      expect(adopted100.count).toBe(adopted10.count);
      expect({ adoptedReports: adopted10.count, disputes: disputes10.count }).toEqual(EXPECTED[viewer]);
    },
  );
});
