import { MemberEntity, UserEntity } from '@app/core';
import { createHash } from 'node:crypto';
import { createMember, createUser } from '../utils/factories';
import { meetingToday } from '../utils/procedure';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($input: FileDocumentInput!) {
  fileDocument(input: $input) { id title sha256 sizeBytes classification downloadPath filedFor { code } }
}`;

type Who =
  | 'anonymous'
  | 'secretariat'
  | 'complainant'
  | 'respondent'
  | 'thirdParty'
  | 'consultationsThirdParty'
  | 'requester'
  | 'outsider'
  | 'panelist'
  | 'panelMember'
  | 'reader';
type Doc = 'public' | 'restrictedFirst' | 'restrictedOther' | 'confidential' | 'forPanel';

// Who sees what (docs/procedure.md §3; DSU 10.3: third parties in the panel proceedings get the
// parties' first submissions; a member that joined only the consultations, DSU 4.11, does not).
const MATRIX: Record<Who, Doc[]> = {
  anonymous: ['public'],
  outsider: ['public'],
  panelist: ['public'], // on the roster, not on this panel
  panelMember: ['public', 'restrictedFirst', 'restrictedOther', 'forPanel'], // seated: reads what is for the panel
  secretariat: ['public', 'restrictedFirst', 'restrictedOther'],
  complainant: ['public', 'restrictedFirst', 'restrictedOther', 'confidential', 'forPanel'], // the filer filed all five
  respondent: ['public', 'restrictedFirst', 'restrictedOther'],
  thirdParty: ['public', 'restrictedFirst'], // joined the panel proceedings (DSU 10.2)
  consultationsThirdParty: ['public'], // joined the consultations only (DSU 4.11, accepted)
  requester: ['public'], // asked to join the consultations; no answer yet
  reader: ['public', 'confidential'],
};
const DOCS: Doc[] = ['public', 'restrictedFirst', 'restrictedOther', 'confidential', 'forPanel'];

describe('documents and the access policy', () => {
  let t: TestApp;
  const users = {} as Record<Exclude<Who, 'anonymous'>, UserEntity>;
  const members = {} as Record<string, MemberEntity>;
  const ids = {} as Record<Doc, string>;
  const titles = {} as Record<Doc, string>;
  let disputeId: string;
  const token = (who: Who) => (who === 'anonymous' ? undefined : t.tokenFor(users[who]));
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  beforeAll(async () => {
    t = await startTestApp();
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
      ['KAZ', 'Kazakhstan'],
      ['IDN', 'Indonesia'],
      ['THA', 'Thailand'],
      ['MYS', 'Malaysia'],
    ]) {
      members[code] = await createMember(t.db, { code, name });
    }
    users.consultationsThirdParty = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.THA.id });
    users.requester = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.MYS.id });
    users.complainant = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.respondent = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.PAK.id });
    users.thirdParty = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.KAZ.id });
    users.outsider = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.IDN.id });
    users.secretariat = await createUser(t.db, { role: 'SECRETARIAT' });
    users.panelist = await createUser(t.db, { role: 'PANELIST' });
    users.reader = await createUser(t.db, { role: 'PANELIST' });
    users.panelMember = await createUser(t.db, { role: 'PANELIST' });
    const filed = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Fruit", measures: ["Licensing"],
      legalBasis: ["GATT Art. XI"], summary: "Imports restricted." }) { id } }`,
      {},
      token('complainant'),
    );
    disputeId = filed.data!.requestConsultations.id;
    const act = async (who: Who, action: string, extra: { memberCode?: string; meetingId?: string } = {}) => {
      const res = await t.gql(
        `mutation($input: TakeActionInput!) { takeAction(input: $input) { id } }`,
        { input: { disputeId, action, ...extra } },
        token(who),
      );
      expect(res.errors).toBeUndefined();
    };
    // THA joins the consultations (asks, the respondent accepts: DSU 4.11), MYS only asks; KAZ
    // joins the panel proceedings once the panel is established (DSU 10.2).
    await act('consultationsThirdParty', 'joinAsThirdParty');
    await act('requester', 'joinAsThirdParty');
    await act('respondent', 'acceptJoinRequest', { memberCode: 'THA' });
    await act('complainant', 'agreeEarlyPanelRequest');
    await act('respondent', 'agreeEarlyPanelRequest');
    await act('complainant', 'requestPanel');
    // The body establishes the panel at a meeting the complainant asked for (DSU 6.1, footnote 5).
    await act('complainant', 'requestBodyMeeting');
    await act('secretariat', 'establishPanel', { meetingId: await meetingToday(t) });
    await act('thirdParty', 'joinPanelAsThirdParty');
    // A seat on this dispute's panel, as an election leaves it (the election itself: e2e/panels).
    await t.db.query(
      'INSERT INTO panel_seats (dispute_id, user_id, person_id, election_id, elected_rank, chair, seated_at) VALUES ($1, $2, gen_random_uuid(), gen_random_uuid(), 0, false, now())',
      [disputeId, users.panelMember.id],
    );
    const specs: Record<Doc, Record<string, unknown>> = {
      public: { kind: 'NOTIFICATION', classification: 'PUBLIC' },
      restrictedFirst: { kind: 'FIRST_WRITTEN_SUBMISSION', classification: 'RESTRICTED' },
      restrictedOther: { kind: 'REBUTTAL', classification: 'RESTRICTED' },
      confidential: { kind: 'EXHIBIT', classification: 'CONFIDENTIAL', readerIds: [users.reader.id] },
      forPanel: { kind: 'EXHIBIT', classification: 'CONFIDENTIAL', panelOnly: true },
    };
    for (const doc of DOCS) {
      titles[doc] = `Secret-title-${doc}`;
      const res = await t.gql(
        FILE,
        {
          input: {
            disputeId,
            title: titles[doc],
            fileName: `${doc}.txt`,
            mediaType: 'text/plain',
            content: b64(`content of ${doc}`),
            ...specs[doc],
          },
        },
        token('complainant'),
      );
      expect(res.errors).toBeUndefined();
      ids[doc] = res.data!.fileDocument.id;
    }
  });
  afterAll(() => t.close());

  describe.each(Object.keys(MATRIX) as Who[])('%s', (who) => {
    const allowed = MATRIX[who];

    it('sees exactly the allowed documents through dispute.documents', async () => {
      const res = await t.gql(
        `query($id: ID!) { dispute(id: $id) { documents(first: 100) { nodes { id } } } }`,
        { id: disputeId },
        token(who),
      );
      const seen = res.data!.dispute.documents.nodes.map((n: { id: string }) => n.id);
      expect(seen.sort()).toEqual(allowed.map((d) => ids[d]).sort());
    });

    it('sees exactly the allowed documents through search', async () => {
      const res = await t.gql(`{ documents(first: 100) { nodes { id } } }`, {}, token(who));
      expect(res.data!.documents.nodes.map((n: { id: string }) => n.id).sort()).toEqual(allowed.map((d) => ids[d]).sort());
    });

    it.each(DOCS)('document(id) of %s: found only when allowed, else NOT_FOUND', async (doc) => {
      const res = await t.gql(`query($id: ID!) { document(id: $id) { id title } }`, { id: ids[doc] }, token(who));
      if (allowed.includes(doc)) expect(res.data!.document.title).toBe(titles[doc]);
      else {
        expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
        expect(JSON.stringify(res)).not.toContain(titles[doc]);
      }
    });

    it.each(DOCS)('download of %s: the content when allowed, else 404', async (doc) => {
      const req = t.http().get(`/documents/${ids[doc]}/content`);
      const tok = token(who);
      if (tok) req.set('authorization', `Bearer ${tok}`);
      const res = await req.buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      if (allowed.includes(doc)) {
        expect(res.status).toBe(200);
        expect((res.body as Buffer).toString()).toBe(`content of ${doc}`);
        expect(res.headers['content-disposition']).toContain(`${doc}.txt`);
      } else {
        expect(res.status).toBe(404);
        expect((res.body as Buffer).toString()).not.toContain(titles[doc]);
      }
    });

    it('sees only the allowed documents linked from the docket, and no hidden title in its text', async () => {
      const res = await t.gql(
        `query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { text documents { id } } } } }`,
        { id: disputeId },
        token(who),
      );
      const nodes = res.data!.dispute.docket.nodes;
      const linked = nodes.flatMap((n: { documents: { id: string }[] }) => n.documents.map((d) => d.id));
      expect(linked.sort()).toEqual(allowed.map((d) => ids[d]).sort());
      const text = nodes.map((n: { text: string }) => n.text).join(' ');
      for (const doc of DOCS.filter((d) => d !== 'public')) expect(text).not.toContain(titles[doc]);
    });
  });

  it('lets only a third party in the panel proceedings file a third-party submission (DSU 10.2)', async () => {
    const fileAs = (who: Who, kind: string) =>
      t.gql(
        FILE,
        {
          input: {
            disputeId,
            kind,
            classification: 'RESTRICTED',
            title: `${kind} of ${who}`,
            fileName: 'tp.txt',
            mediaType: 'text/plain',
            content: b64(`${kind} ${who}`),
          },
        },
        token(who),
      );
    const filed = await fileAs('thirdParty', 'THIRD_PARTY_SUBMISSION');
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileDocument.filedFor).toEqual({ code: 'KAZ' });
    const entry = (
      await t.db.query(`SELECT actor_role FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1`, [disputeId])
    )[0];
    expect(entry.actor_role).toBe('THIRD_PARTY');
    // Joining the consultations is not joining the panel proceedings; a party pleads in kinds of its own.
    for (const who of ['consultationsThirdParty', 'complainant'] as const) {
      expect((await fileAs(who, 'THIRD_PARTY_SUBMISSION')).errors![0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        domainCode: 'NOT_PANEL_THIRD_PARTY',
      });
    }
    // A consultations third party still files in the dispute; a member that only asked files its request, nothing else.
    expect((await fileAs('consultationsThirdParty', 'NOTIFICATION')).errors).toBeUndefined();
    expect((await fileAs('requester', 'EXHIBIT')).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', domainCode: 'NOT_INVOLVED' });
    const request = await fileAs('requester', 'REQUEST_TO_JOIN');
    expect(request.errors).toBeUndefined();
    // Each sees what its own member filed; the parties see the third party's submission too.
    const seen = async (who: Who) =>
      (
        await t.gql(`query($id: ID!) { dispute(id: $id) { documents(first: 100) { nodes { title } } } }`, { id: disputeId }, token(who))
      ).data!.dispute.documents.nodes.map((n: { title: string }) => n.title);
    expect(await seen('requester')).toContain('REQUEST_TO_JOIN of requester');
    expect(await seen('respondent')).toContain('THIRD_PARTY_SUBMISSION of thirdParty');
    expect(await seen('consultationsThirdParty')).not.toContain('THIRD_PARTY_SUBMISSION of thirdParty');
  });

  it('stores the SHA-256 and size of the content', async () => {
    const res = await t.gql(`query($id: ID!) { document(id: $id) { sha256 sizeBytes } }`, { id: ids.public }, token('anonymous'));
    const expected = createHash('sha256').update('content of public').digest('hex');
    expect(res.data!.document).toEqual({ sha256: expected, sizeBytes: 'content of public'.length });
  });

  it('files a 20 MB document (30 MB of base64) and keeps it byte for byte', async () => {
    // The base64 check once ran a regular expression that can overflow the stack on a few million
    // characters (validatorjs/validator.js#2573); a large filing then failed as an internal error.
    const big = Buffer.alloc(20 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE((i * 2654435761) >>> 0, i);
    const res = await t.gql(
      FILE,
      {
        input: {
          disputeId,
          kind: 'EXHIBIT',
          classification: 'RESTRICTED',
          title: 'Large exhibit',
          fileName: 'exhibit.bin',
          mediaType: 'application/octet-stream',
          content: big.toString('base64'),
        },
      },
      token('complainant'),
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.fileDocument.id;
    const [stored] = await t.db.query(
      `SELECT string_agg(c.bytes, ''::bytea ORDER BY c.seq) AS content FROM document_chunks c WHERE c.content_key = $1`,
      [id],
    );
    expect(Buffer.compare(stored.content, big)).toBe(0);
  });

  it('refuses reports and hearing records through fileDocument: their own steps file them', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM documents');
    for (const [kind, step] of [
      ['PANEL_REPORT', 'submitReport'],
      ['APPELLATE_REPORT', 'recordAppellateReport'],
      ['COMMENTS_ON_REPORT', 'commentOnReport'],
      ['HEARING_RECORD', 'fileHearingRecord'],
    ]) {
      for (const who of ['complainant', 'secretariat', 'panelMember'] as const) {
        const res = await t.gql(
          FILE,
          {
            input: {
              disputeId,
              kind,
              classification: 'PUBLIC',
              title: 'Report of the Panel',
              fileName: 'r.txt',
              mediaType: 'text/plain',
              content: b64('forged'),
            },
          },
          token(who),
        );
        expect(res.errors![0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          domainCode: 'KIND_FILED_BY_OWN_STEP',
          field: 'input.kind',
        });
        expect(res.errors![0].message).toContain(step);
      }
    }
    expect(await t.db.query('SELECT count(*)::int AS n FROM documents')).toEqual(before);
  });

  it('returns the first filing to 100 parallel retries with one idempotency key', async () => {
    const input = {
      disputeId,
      kind: 'REBUTTAL',
      classification: 'RESTRICTED',
      title: 'Retried',
      fileName: 'r.txt',
      mediaType: 'text/plain',
      content: b64('retry'),
      idempotencyKey: 'rebuttal-1',
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => t.gql(FILE, { input }, token('respondent'))));
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(new Set(results.map((r) => r.data!.fileDocument.id)).size).toBe(1);
    const [{ count }] = await t.db.query("SELECT count(*)::int AS count FROM documents WHERE idempotency_key = 'rebuttal-1'");
    expect(count).toBe(1);
    const [{ entries }] = await t.db.query(
      "SELECT count(*)::int AS entries FROM docket_entries WHERE kind = 'fileDocument' AND $1 = ANY(document_ids)",
      [results[0].data!.fileDocument.id],
    );
    expect(entries).toBe(1);
    const reused = await t.gql(FILE, { input: { ...input, content: b64('other') } }, token('respondent'));
    expect(reused.errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      domainCode: 'IDEMPOTENCY_KEY_REUSED',
      field: 'input.idempotencyKey',
    });
  });

  describe('an idempotency key reused for a different filing', () => {
    const first = () => ({
      disputeId,
      kind: 'OTHER',
      classification: 'CONFIDENTIAL',
      readerIds: [users.reader.id],
      title: 'Keyed filing',
      fileName: 'keyed.txt',
      mediaType: 'text/plain',
      content: b64('keyed content'),
      idempotencyKey: 'keyed-1',
    });
    let firstId: string;
    let firstFiledAt: string;
    let otherDisputeId: string;

    beforeAll(async () => {
      const res = await t.gql(
        `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id filedAt } }`,
        { input: first() },
        token('complainant'),
      );
      expect(res.errors).toBeUndefined();
      ({ id: firstId, filedAt: firstFiledAt } = res.data!.fileDocument);
      const other = await t.gql(
        `mutation { requestConsultations(input: { respondents: ["PAK"], title: "Vegetables", measures: ["Quotas"],
        legalBasis: ["GATT Art. XI"], summary: "Quotas." }) { id } }`,
        {},
        token('complainant'),
      );
      otherDisputeId = other.data!.requestConsultations.id;
      t.clock.advance(3_600_000);
    });

    it('returns the first filing to a retry of the same filing (media types compared without case)', async () => {
      const res = await t.gql(FILE, { input: { ...first(), mediaType: 'TEXT/Plain' } }, token('complainant'));
      expect(res.errors).toBeUndefined();
      expect(res.data!.fileDocument.id).toBe(firstId);
    });

    it.each([
      ['title', () => ({ title: 'Another title' })],
      ['file name', () => ({ fileName: 'other.txt' })],
      ['media type', () => ({ mediaType: 'application/pdf' })],
      ['content', () => ({ content: b64('other content') })],
      ['kind', () => ({ kind: 'EXHIBIT' })],
      ['classification', () => ({ classification: 'RESTRICTED', readerIds: undefined })],
      ['readers', () => ({ readerIds: [users.reader.id, users.panelMember.id] })],
      ['dispute', () => ({ disputeId: otherDisputeId })],
    ] as const)('refuses a filing with another %s as CONFLICT IDEMPOTENCY_KEY_REUSED, writing nothing', async (what, change) => {
      const [{ before }] = await t.db.query('SELECT count(*)::int AS before FROM documents');
      const res = await t.gql(FILE, { input: { ...first(), ...change() } }, token('complainant'));
      expect(res.errors![0].extensions).toMatchObject({
        code: 'CONFLICT',
        domainCode: 'IDEMPOTENCY_KEY_REUSED',
        field: 'input.idempotencyKey',
      });
      expect(res.errors![0].extensions.differs).toContain(what);
      expect(res.errors![0].message).toContain('"keyed-1"');
      expect(res.errors![0].message).toContain(`was used for a different filing on ${firstFiledAt}`);
      const [{ after }] = await t.db.query('SELECT count(*)::int AS after FROM documents');
      expect(after).toBe(before);
    });

    it('keeps keys per filer: another user may use the same key for a filing of its own', async () => {
      const res = await t.gql(FILE, { input: { ...first(), readerIds: [users.complainant.id] } }, token('respondent'));
      expect(res.errors).toBeUndefined();
      expect(res.data!.fileDocument.id).not.toBe(firstId);
    });
  });

  it.each([
    ['a member outside the dispute', 'outsider', {}, 'FORBIDDEN'],
    ['a panelist not on its panel', 'panelist', {}, 'FORBIDDEN'],
    ['content that is not base64', 'complainant', { content: '***' }, 'BAD_USER_INPUT'],
    ['readers on a restricted document', 'complainant', { readerIds: ['00000000-0000-4000-8000-000000000000'] }, 'BAD_USER_INPUT'],
    [
      'an unknown reader',
      'complainant',
      { classification: 'CONFIDENTIAL', readerIds: ['00000000-0000-4000-8000-000000000000'] },
      'BAD_USER_INPUT',
    ],
    ['a file name with a folder', 'complainant', { fileName: '../etc/passwd' }, 'BAD_USER_INPUT'],
  ] as const)('refuses a filing by %s, writing nothing', async (_what, who, change, code) => {
    const [{ before }] = await t.db.query('SELECT count(*)::int AS before FROM documents');
    const res = await t.gql(
      FILE,
      {
        input: {
          disputeId,
          kind: 'OTHER',
          classification: 'RESTRICTED',
          title: 'x',
          fileName: 'x.txt',
          mediaType: 'text/plain',
          content: b64('x'),
          ...change,
        },
      },
      token(who),
    );
    expect(res.errors![0].extensions.code).toBe(code);
    const [{ after }] = await t.db.query('SELECT count(*)::int AS after FROM documents');
    expect(after).toBe(before);
  });

  it.each([
    ['no reader at all', {}],
    ['only its filer as reader', { readerIds: ['FILER'] }],
    ['no reader and panelOnly false', { panelOnly: false }],
  ])('refuses a CONFIDENTIAL filing with %s: BAD_USER_INPUT CONFIDENTIAL_WITHOUT_READERS, writing nothing', async (_what, change) => {
    const [{ before }] = await t.db.query('SELECT count(*)::int AS before FROM documents');
    const input: Record<string, unknown> = {
      disputeId,
      kind: 'EXHIBIT',
      classification: 'CONFIDENTIAL',
      title: 'x',
      fileName: 'x.txt',
      mediaType: 'text/plain',
      content: b64('x'),
      ...change,
    };
    if ('readerIds' in change) input.readerIds = [users.complainant.id];
    const res = await t.gql(FILE, { input }, token('complainant'));
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      domainCode: 'CONFIDENTIAL_WITHOUT_READERS',
      field: 'input.readerIds',
    });
    expect(res.errors![0].message).toContain('panelOnly');
    const [{ after }] = await t.db.query('SELECT count(*)::int AS after FROM documents');
    expect(after).toBe(before);
  });

  it('refuses panelOnly on a document that is not CONFIDENTIAL', async () => {
    const res = await t.gql(
      FILE,
      {
        input: {
          disputeId,
          kind: 'EXHIBIT',
          classification: 'RESTRICTED',
          panelOnly: true,
          title: 'x',
          fileName: 'x.txt',
          mediaType: 'text/plain',
          content: b64('x'),
        },
      },
      token('complainant'),
    );
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      domainCode: 'PANEL_ONLY_NOT_ALLOWED',
      field: 'input.panelOnly',
    });
  });

  it('shows a document for the panel to a panelist seated after it was filed, and no longer once the seat is vacated', async () => {
    const read = async () =>
      await t.gql(`query($id: ID!) { document(id: $id) { title panelOnly } }`, { id: ids.forPanel }, token('panelist'));
    const listed = async () =>
      (await t.gql(`{ documents(first: 100) { nodes { id } } }`, {}, token('panelist'))).data!.documents.nodes.map(
        (n: { id: string }) => n.id,
      );
    expect((await read()).errors![0].extensions.code).toBe('NOT_FOUND');
    // A vacancy filled (DSU 8): the new panelist reads what was filed for the panel before.
    await t.db.query(
      'INSERT INTO panel_seats (dispute_id, user_id, person_id, election_id, elected_rank, chair, seated_at) VALUES ($1, $2, gen_random_uuid(), gen_random_uuid(), 0, false, now())',
      [disputeId, users.panelist.id],
    );
    expect((await read()).data!.document).toEqual({ title: titles.forPanel, panelOnly: true });
    expect(await listed()).toContain(ids.forPanel);
    await t
      .http()
      .get(`/documents/${ids.forPanel}/content`)
      .set('authorization', `Bearer ${token('panelist')}`)
      .expect(200);
    await t.db.query('UPDATE panel_seats SET vacated_at = now() WHERE dispute_id = $1 AND user_id = $2', [disputeId, users.panelist.id]);
    expect((await read()).errors![0].extensions.code).toBe('NOT_FOUND');
    expect(await listed()).not.toContain(ids.forPanel);
    await t
      .http()
      .get(`/documents/${ids.forPanel}/content`)
      .set('authorization', `Bearer ${token('panelist')}`)
      .expect(404);
  });

  describe('derestrictDocument', () => {
    const DERESTRICT = `mutation($id: ID!) { derestrictDocument(id: $id) { id title classification derestrictedAt } }`;
    const fileAs = async (who: Who, input: Record<string, unknown>) => {
      const res = await t.gql(
        FILE,
        {
          input: {
            disputeId,
            title: `Derestriction ${input.kind}`,
            fileName: 'd.txt',
            mediaType: 'text/plain',
            content: b64('d'),
            ...input,
          },
        },
        token(who),
      );
      expect(res.errors).toBeUndefined();
      return res.data!.fileDocument.id as string;
    };

    it('makes a restricted notification public for everyone, by the secretariat only', async () => {
      const id = await fileAs('complainant', { kind: 'NOTIFICATION', classification: 'RESTRICTED' });
      const refused = await t.gql(DERESTRICT, { id }, token('complainant'));
      expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
      const ok = await t.gql(DERESTRICT, { id }, token('secretariat'));
      expect(ok.data!.derestrictDocument).toMatchObject({ classification: 'PUBLIC', derestrictedAt: t.clock.now().toISOString() });
      const anon = await t.gql(`query($id: ID!) { document(id: $id) { title } }`, { id });
      expect(anon.data!.document.title).toBe('Derestriction NOTIFICATION');
      const again = await t.gql(DERESTRICT, { id }, token('secretariat'));
      expect(again.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'NOT_RESTRICTED' });
    });

    it('answers NOT_FOUND for a confidential document the secretariat may not see, telling nothing about it', async () => {
      const [before] = await t.db.query('SELECT classification FROM documents WHERE id = $1', [ids.confidential]);
      const res = await t.gql(DERESTRICT, { id: ids.confidential }, token('secretariat'));
      expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
      expect(res.errors![0].message).not.toMatch(/CONFIDENTIAL/i);
      expect(JSON.stringify(res)).not.toContain(titles.confidential);
      // The same answer as for a document that does not exist.
      const none = await t.gql(DERESTRICT, { id: '00000000-0000-4000-8000-000000000000' }, token('secretariat'));
      expect(res.errors![0].extensions).toEqual(none.errors![0].extensions);
      expect(await t.db.query('SELECT classification FROM documents WHERE id = $1', [ids.confidential])).toEqual([before]);
    });

    it('refuses a confidential document the secretariat may read as NOT_RESTRICTED', async () => {
      const id = await fileAs('complainant', { kind: 'OTHER', classification: 'CONFIDENTIAL', readerIds: [users.secretariat.id] });
      const res = await t.gql(DERESTRICT, { id }, token('secretariat'));
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'NOT_RESTRICTED' });
    });

    it.each(['FIRST_WRITTEN_SUBMISSION', 'REBUTTAL', 'ANSWERS_TO_QUESTIONS', 'EXHIBIT'])(
      'never publishes a party’s %s: INVALID_TRANSITION NEVER_PUBLIC (DSU 18.2), changing nothing',
      async (kind) => {
        const id = await fileAs('respondent', { kind, classification: 'RESTRICTED' });
        const res = await t.gql(DERESTRICT, { id }, token('secretariat'));
        expect(res.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'NEVER_PUBLIC' });
        expect(res.errors![0].message).toContain('DSU 18.2');
        const [row] = await t.db.query('SELECT classification, derestricted_at FROM documents WHERE id = $1', [id]);
        expect(row).toEqual({ classification: 'RESTRICTED', derestricted_at: null });
      },
    );

    it('never publishes a third party’s submission either', async () => {
      const id = await fileAs('thirdParty', { kind: 'THIRD_PARTY_SUBMISSION', classification: 'RESTRICTED' });
      const res = await t.gql(DERESTRICT, { id }, token('secretariat'));
      expect(res.errors![0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', domainCode: 'NEVER_PUBLIC' });
    });
  });
});
