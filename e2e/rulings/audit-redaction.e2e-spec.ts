import { createHash } from 'node:crypto';
import { GqlResult, TestApp, startTestApp } from '../utils/test-app';
import { Case, SUBMIT, VOTE, file, findings, panelInProceedings } from './setup';

// The audit log as its reader (the secretariat) is shown it: the stored records stay complete and
// the chain verifiable, but the log does not name the author of a separate opinion or a vote
// (DSU 14.1, 14.3), nor show anything of a record about a document the reader may not see (a
// CONFIDENTIAL filing's hash and classification).

const LOG = `query($after: String) { auditLog(first: 50, after: $after) { pageInfo { hasNextPage endCursor }
  nodes { seq id actorId actorRole actorShownAs operation targetType targetId details detailsWithheld withheldBecause prevHash hash signature } } }`;
const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`;
const OPINION = `mutation($r: ID!, $t: String!) { submitSeparateOpinion(reportId: $r, text: $t) }`;
const VERIFY = '{ verifyAuditChain { valid checked reason } }';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

interface Node {
  seq: string;
  id: string | null;
  actorId: string | null;
  actorRole: string | null;
  actorShownAs: string | null;
  operation: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  detailsWithheld: boolean;
  withheldBecause: string[];
  prevHash: string;
  hash: string;
}

describe('auditLog: redacted for its reader, the chain intact', () => {
  let t: TestApp;
  let c: Case;
  let confidentialId: string;
  let restrictedId: string;
  let reportId: string;
  const SECRET = 'Business-confidential cost data of CHN exporters';

  const log = async (token: string): Promise<Node[]> => {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GqlResult = await t.gql(LOG, { after }, token);
      expect(res.errors).toBeUndefined();
      nodes.push(...res.data!.auditLog.nodes);
      if (!res.data!.auditLog.pageInfo.hasNextPage) return nodes;
      after = res.data!.auditLog.pageInfo.endCursor;
    }
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    c = await panelInProceedings(t);
    const must = async (query: string, variables: Record<string, unknown>, token: string) => {
      const res = await t.gql(query, variables, token);
      expect(res.errors).toBeUndefined();
      return res.data!;
    };
    // A confidential exhibit only PAK's delegate may read: the secretariat may not.
    confidentialId = (
      await must(
        FILE,
        {
          input: { disputeId: c.disputeId, kind: 'EXHIBIT', classification: 'CONFIDENTIAL', readerIds: [c.users.PAK.id], ...file(SECRET) },
        },
        c.tok('CHN'),
      )
    ).fileDocument.id;
    restrictedId = (
      await must(
        FILE,
        {
          input: {
            disputeId: c.disputeId,
            kind: 'FIRST_WRITTEN_SUBMISSION',
            classification: 'RESTRICTED',
            ...file('First written submission of CHN'),
          },
        },
        c.tok('CHN'),
      )
    ).fileDocument.id;
    // The panel deliberates: B writes a separate opinion, C votes.
    reportId = (
      await must(SUBMIT, { input: { disputeId: c.disputeId, version: 'INTERIM_REPORT', findings, ...file('Interim report') } }, c.pan('A'))
    ).submitReport.id;
    await must(OPINION, { r: reportId, t: 'I would have decided the SPS claim.' }, c.pan('B'));
    await must(VOTE, { r: reportId, a: false }, c.pan('C'));
  });
  afterAll(() => t.close());

  it('does not name the author of a separate opinion or of a vote (DSU 14.3), though the stored record does', async () => {
    const nodes = await log(c.tok('SEC'));
    for (const operation of ['submitSeparateOpinion', 'voteOnReport']) {
      const [node] = nodes.filter((n) => n.operation === operation);
      expect(node).toMatchObject({
        id: null,
        actorId: null,
        actorRole: null,
        actorShownAs: 'a seated panelist',
        targetType: 'Report',
        targetId: reportId,
        detailsWithheld: false,
      });
      expect(node.withheldBecause).toEqual([expect.stringContaining('DSU 14.1, 14.3')]);
    }
    // Neither panelist appears anywhere in the log, not even through a record's id.
    const body = JSON.stringify(nodes);
    for (const who of ['B', 'C'] as const) expect(body).not.toContain(c.panelists[who].id);
    // The stored records are complete: the chain covers the author.
    const [stored] = await t.db.query(`SELECT actor_id FROM audit_log WHERE operation = 'submitSeparateOpinion'`);
    expect(stored.actor_id).toBe(c.panelists.B.id);
    // The submitting panelist of the draft is not anonymous: the report is the panel's.
    expect(nodes.find((n) => n.operation === 'submitReport')).toMatchObject({ actorId: c.panelists.A.id, actorShownAs: null });
  });

  it('shows of a record about a document the reader may not see only its operation and time: no hash, no classification', async () => {
    const nodes = await log(c.tok('SEC'));
    const filings = nodes.filter((n) => n.operation === 'fileDocument');
    const withheld = filings.filter((n) => n.detailsWithheld);
    expect(withheld).toHaveLength(1);
    expect(withheld[0]).toMatchObject({ id: null, actorId: null, actorRole: null, targetType: null, targetId: null, details: null });
    expect(withheld[0].withheldBecause).toEqual([expect.stringContaining('document you may not see')]);
    const body = JSON.stringify(nodes);
    expect(body).not.toContain(confidentialId);
    expect(body).not.toContain(sha(SECRET));
    expect(body).not.toContain('CONFIDENTIAL');
    // The stored record holds them (the chain covers them).
    const [stored] = await t.db.query(`SELECT details FROM audit_log WHERE target_id = $1`, [confidentialId]);
    expect(stored.details).toMatchObject({ sha256: sha(SECRET), classification: 'CONFIDENTIAL' });
    // A document the secretariat may see is shown in full.
    expect(filings.find((n) => n.targetId === restrictedId)).toMatchObject({
      actorId: c.users.CHN.id,
      detailsWithheld: false,
      details: { classification: 'RESTRICTED', disputeId: c.disputeId },
    });
  });

  it('keeps every record in the log, in its place, with its hash: the chain is still verifiable', async () => {
    const nodes = await log(c.tok('SEC'));
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM audit_log');
    expect(nodes).toHaveLength(n);
    // Newest first, each record pointing at the next one down.
    for (let i = 0; i + 1 < nodes.length; i += 1) expect(nodes[i].prevHash).toBe(nodes[i + 1].hash);
    expect((await t.gql(VERIFY, {}, c.tok('SEC'))).data!.verifyAuditChain).toEqual({ valid: true, checked: n, reason: null });
  });
});
