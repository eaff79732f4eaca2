import { UserEntity } from '@app/core';
import type { QueryRunner } from 'typeorm';
import { DocketEntryParams1795790000000 } from '../../migrations/1795790000000-DocketEntryParams';
import { DocketLanguageSentences1795790001700 } from '../../migrations/1795790001700-DocketLanguageSentences';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const SECRET_TITLE = 'Cost structure of Sichuan Steel, business-confidential';

describe('the docket in the reader’s language', () => {
  let t: TestApp;
  const users: Record<string, UserEntity> = {};
  const tok = (who: string) => t.tokenFor(users[who]);
  let disputeId: string;

  type Entry = {
    seq: number;
    kind: string;
    text: string;
    fr: string;
    ar: string;
    es: string;
    message: string;
    params: Record<string, unknown>;
  };
  const docket = async (token?: string): Promise<Entry[]> => {
    const res = await t.gql(
      `query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes {
        seq kind text fr: text(language: "fr") ar: text(language: "ar") es: text(language: "es") message params } } } }`,
      { id: disputeId },
      token,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.dispute.docket.nodes;
  };

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    users.CHN = await createUser(t.db, {
      role: 'MEMBER_DELEGATE',
      memberId: (await createMember(t.db, { code: 'CHN', name: 'China' })).id,
    });
    users.PAK = await createUser(t.db, {
      role: 'MEMBER_DELEGATE',
      memberId: (await createMember(t.db, { code: 'PAK', name: 'Pakistan' })).id,
    });
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    const res = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Steel safeguards", measures: ["Duties"],
      legalBasis: ["GATT Art. XIX"], summary: "S" }) { id } }`,
      {},
      tok('CHN'),
    );
    disputeId = res.data!.requestConsultations.id;
    const act = async (who: string, input: Record<string, unknown>) => {
      const done = await t.gql(
        `mutation($input: TakeActionInput!) { takeAction(input: $input) { id } }`,
        { input: { disputeId, ...input } },
        tok(who),
      );
      expect(done.errors).toBeUndefined();
    };
    await act('SEC', { action: 'circulateRequest' });
    await act('PAK', { action: 'replyToRequest' });
    await act('SEC', { action: 'recordExtension', extension: { rule: 'ENTER_CONSULTATIONS', until: '2026-04-15' } });
    const file = async (title: string, extra: Record<string, unknown>) => {
      const filed = await t.gql(
        `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`,
        { input: { disputeId, title, fileName: 'f.txt', mediaType: 'text/plain', content: b64(title), ...extra } },
        tok('CHN'),
      );
      expect(filed.errors).toBeUndefined();
    };
    await file('Request for consultations', { kind: 'REQUEST_FOR_CONSULTATIONS', classification: 'PUBLIC' });
    await file(SECRET_TITLE, { kind: 'EXHIBIT', classification: 'CONFIDENTIAL', readerIds: [users.SEC.id] });
  });
  afterAll(() => t.close());

  it('reads in English as the docket wrote it, and in French, Spanish and Arabic from the same message', async () => {
    const entries = await docket();
    expect(entries.map((e) => [e.kind, e.message])).toEqual([
      ['requestConsultations', 'docket.requestConsultations'],
      ['circulateRequest', 'docket.step.circulateRequest'],
      ['replyToRequest', 'docket.step.replyToRequest'],
      ['recordExtension', 'docket.step.recordExtension'],
      ['fileDocument', 'docket.fileDocument.public'],
      ['fileDocument', 'docket.fileDocument.withheld'],
    ]);
    const [filed, , replied, extended, publicDoc, confidential] = entries;
    expect(filed.text).toBe('China requested consultations with Pakistan: Steel safeguards.');
    expect(filed.fr).toBe('China a demandé l’ouverture de consultations avec Pakistan : Steel safeguards.');
    expect(filed.ar).toBe('China: طلب إجراء مشاورات مع Pakistan: Steel safeguards.');
    expect(filed.params).toEqual({ complainant: 'China', respondents: ['Pakistan'], urgent: false, title: 'Steel safeguards' });
    expect(replied.text).toBe('Pakistan replied to the request for consultations.');
    expect(replied.es).toBe('Pakistan respondió a la solicitud de consultas.');
    expect(replied.ar).toBe('Pakistan: الرد على طلب المشاورات.');
    // Days: ISO in English as ever, the reader's own date in the others.
    expect(extended.text).toBe('The parties agreed to extend ENTER_CONSULTATIONS, DSU 4.3, 4.8 to 2026-04-15.');
    expect(extended.fr).toBe('Les parties sont convenues de proroger ENTER_CONSULTATIONS, DSU 4.3, 4.8 jusqu’au 15 avril 2026.');
    expect(extended.params).toEqual({ rule: 'ENTER_CONSULTATIONS, DSU 4.3, 4.8', untilDay: '2026-04-15' });
    expect(publicDoc.fr).toBe('China a déposé « Request for consultations ».');
    expect(confidential.text).toBe('China filed a confidential document (exhibit).');
    expect(confidential.fr).toBe('China a déposé un document confidentiel (pièce justificative).');
    expect(confidential.ar).toBe('China: إيداع وثيقة سرية (مستند إثبات).');
  });

  it('never makes a confidential document’s title a parameter, nor shows it in any language, to anyone', async () => {
    for (const token of [undefined, tok('SEC'), tok('CHN')]) {
      const confidential = (await docket(token)).at(-1)!;
      expect(confidential.params).toEqual({ actor: 'China', classification: 'CONFIDENTIAL', documentKind: 'EXHIBIT' });
      expect(JSON.stringify(confidential)).not.toContain('Sichuan');
    }
    const [row] = await t.db.query(
      `SELECT text, params::text AS params FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1`,
      [disputeId],
    );
    expect(`${row.text} ${row.params}`).not.toContain('Sichuan');
  });

  it('refuses a language that is not one of the six', async () => {
    const res = await t.gql(`query($id: ID!) { dispute(id: $id) { docket(first: 1) { nodes { text(language: "de") } } } }`, {
      id: disputeId,
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'UNKNOWN_LANGUAGE' });
    expect(res.errors?.[0].message).toMatch(/"de"/);
  });

  /**
   * As the owner, as migrations run (the application's role may not alter the table), in a
   * transaction rolled back at the end: a migration's own statements on rows of the old shape.
   */
  const asMigrationOwner = (body: (runner: QueryRunner) => Promise<void>) =>
    t.asOwner(async (client) => {
      const runner = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as unknown as QueryRunner;
      await client.query('BEGIN');
      try {
        await body(runner);
      } finally {
        await client.query('ROLLBACK');
      }
    });

  /** The append-only trigger is on again after a migration switched it off. */
  const expectAppendOnly = async (runner: QueryRunner) => {
    await runner.query('SAVEPOINT edit');
    await expect(runner.query(`UPDATE docket_entries SET text = 'x' WHERE dispute_id = $1`, [disputeId])).rejects.toThrow(/append-only/);
    await runner.query('ROLLBACK TO SAVEPOINT edit');
  };

  it('the migration reads the entries written before it back into messages, with the append-only trigger on again after', async () => {
    await asMigrationOwner(async (runner) => {
      const migration = new DocketEntryParams1795790000000();
      await migration.down(runner);
      const legacy = [
        'China requested consultations with Pakistan (urgent: DSU 4.8): Steel.',
        'The panel filed "Working procedures".',
        'The body adopted the panel report. Meeting of the body of 2026-09-01, 9 of 12 members present; recorded by the secretariat. Reasons given.',
        'Benchmark event 7',
      ];
      for (const [i, text] of legacy.entries()) {
        await runner.query(
          `INSERT INTO docket_entries (dispute_id, seq, occurred_at, actor_role, kind, text) VALUES ($1, $2, now(), 'SYSTEM', 'legacy', $3)`,
          [disputeId, 100 + i, text],
        );
      }
      await migration.up(runner);
      const rows: { text: string; message: string; params: Record<string, unknown> }[] = await runner.query(
        `SELECT text, message, params FROM docket_entries WHERE dispute_id = $1 AND seq >= 100 ORDER BY seq`,
        [disputeId],
      );
      expect(rows.map((r) => [r.message, r.params])).toEqual([
        ['docket.requestConsultations', { complainant: 'China', respondents: ['Pakistan'], urgent: true, title: 'Steel' }],
        ['docket.fileDocument.public', { actorOrgan: 'PANEL', title: 'Working procedures' }],
        ['docket.step.adoptReport', { meetingDay: '2026-09-01', meetingPresent: 9, meetingMembers: 12, note: 'Reasons given.' }],
        ['docket.verbatim', { text: 'Benchmark event 7' }],
      ]);
      // The entries written after the migration's columns were added keep theirs (the first six).
      const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM docket_entries WHERE dispute_id = $1 AND message IS NULL`, [
        disputeId,
      ]);
      expect(n).toBe(0);
      await expectAppendOnly(runner);
    });
  });

  it('a later migration reads the language commands’ English sentences that the first one kept verbatim, and only those', async () => {
    await asMigrationOwner(async (runner) => {
      const kept = [
        'China filed the French text of the title and summary of the request for consultations.',
        'The secretariat filed the Arabic version of a restricted document (first written submission).',
        'China filed the Klingon version of "Tea".',
        'Benchmark event 7',
      ];
      await runner.query(`ALTER TABLE docket_entries DISABLE TRIGGER docket_entries_append_only`);
      for (const [i, text] of kept.entries()) {
        await runner.query(
          `INSERT INTO docket_entries (dispute_id, seq, occurred_at, actor_role, kind, text, message, params)
           VALUES ($1, $2, now(), 'SYSTEM', 'legacy', $3, 'docket.verbatim', jsonb_build_object('text', $3::text))`,
          [disputeId, 200 + i, text],
        );
      }
      await runner.query(`ALTER TABLE docket_entries ENABLE TRIGGER docket_entries_append_only`);
      await new DocketLanguageSentences1795790001700().up(runner);
      const rows: { message: string; params: Record<string, unknown> }[] = await runner.query(
        `SELECT message, params FROM docket_entries WHERE dispute_id = $1 AND seq >= 200 ORDER BY seq`,
        [disputeId],
      );
      expect(rows.map((r) => [r.message, r.params])).toEqual([
        ['docket.addDisputeTranslation', { actor: 'China', language: 'fr' }],
        [
          'docket.addDocumentVersion.withheld',
          { actorOrgan: 'SECRETARIAT', language: 'ar', classification: 'RESTRICTED', documentKind: 'FIRST_WRITTEN_SUBMISSION' },
        ],
        ['docket.verbatim', { text: 'China filed the Klingon version of "Tea".' }],
        ['docket.verbatim', { text: 'Benchmark event 7' }],
      ]);
      await expectAppendOnly(runner);
    });
  });
});
