import { MemberEntity, UserEntity } from '@app/core';
import { LiveDocketHub } from '@app/notices';
import { LanguageVersions1795790000100 } from '../../migrations/1795790000100-LanguageVersions';
import { createHash } from 'node:crypto';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { DataSource } from 'typeorm';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

// Issue 17: titles and summaries of disputes and documents in the six working languages; a
// document's language versions (one filing, several files), seen by exactly who sees the document.

const REQUEST = `mutation($input: RequestConsultationsInput!) { requestConsultations(input: $input) { id language } }`;
const TRANSLATE = `mutation($disputeId: ID!, $language: String!, $title: String!, $summary: String!) {
  addDisputeTranslation(disputeId: $disputeId, language: $language, title: $title, summary: $summary) { id languages }
}`;
const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id language } }`;
const VERSION = `mutation($documentId: ID!, $language: String!, $fileName: String!, $mediaType: String!, $content: String!, $title: String) {
  addDocumentVersion(documentId: $documentId, language: $language, fileName: $fileName, mediaType: $mediaType, content: $content, title: $title) {
    id languages versions { language fileName sha256 sizeBytes downloadPath }
  }
}`;
const DISPUTE_TEXTS = `query($id: ID!) { dispute(id: $id) {
  language languages title summary
  en: title(language: "en") zh: title(language: "zh") ar: title(language: "ar") ruSummary: summary(language: "ru") zhSummary: summary(language: "zh")
} }`;

type Who = 'chn' | 'chnColleague' | 'pak' | 'kaz' | 'sec' | 'panelist' | 'reader';

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('titles, summaries and documents in several languages', () => {
  let t: TestApp;
  const users = {} as Record<Who, UserEntity>;
  const members = {} as Record<string, MemberEntity>;
  const token = (who: Who | 'anonymous') => (who === 'anonymous' ? undefined : t.tokenFor(users[who]));
  const counts = async () =>
    (
      await t.db
        .query(`SELECT (SELECT count(*) FROM disputes)::int AS disputes, (SELECT count(*) FROM dispute_translations)::int AS translations,
        (SELECT count(*) FROM document_versions)::int AS versions, (SELECT count(DISTINCT content_key) FROM document_chunks WHERE content_key IN (SELECT id FROM document_versions))::int AS contents,
        (SELECT count(*) FROM docket_entries)::int AS docket, (SELECT count(*) FROM audit_log)::int AS audit`)
    )[0] as Record<string, number>;
  const download = async (path: string, who: Who | 'anonymous') => {
    const req = t.http().get(path);
    const tok = token(who);
    if (tok) req.set('authorization', `Bearer ${tok}`);
    return req.buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  };
  const request = (who: Who, input: Record<string, unknown>) =>
    t.gql(
      REQUEST,
      {
        input: {
          respondents: ['PAK'],
          title: 'Viandes',
          measures: ['Interdiction'],
          legalBasis: ['GATT Art. XI'],
          summary: 'Importations interdites.',
          ...input,
        },
      },
      token(who),
    );

  beforeAll(async () => {
    t = await startTestApp();
    for (const [code, name] of [
      ['CHN', 'China'],
      ['PAK', 'Pakistan'],
      ['KAZ', 'Kazakhstan'],
    ]) {
      members[code] = await createMember(t.db, { code, name });
    }
    users.chn = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.chnColleague = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.CHN.id });
    users.pak = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.PAK.id });
    users.kaz = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: members.KAZ.id });
    users.sec = await createUser(t.db, { role: 'SECRETARIAT' });
    users.panelist = await createUser(t.db, { role: 'PANELIST' });
    users.reader = await createUser(t.db, { role: 'PANELIST' });
  });
  afterAll(() => t.close());

  describe('a dispute filed in French with its English and Chinese texts', () => {
    let disputeId: string;

    beforeAll(async () => {
      const res = await request('chn', {
        language: 'FR',
        translations: [
          { language: 'en', title: 'Meat', summary: 'Imports banned.' },
          { language: 'zh', title: '肉类', summary: '禁止进口。' },
        ],
      });
      expect(res.errors).toBeUndefined();
      disputeId = res.data!.requestConsultations.id;
      expect(res.data!.requestConsultations.language).toBe('fr');
    });

    it('reads each text in its language, and as filed where none was filed (anonymously too: disputes are public)', async () => {
      for (const who of ['anonymous', 'kaz'] as const) {
        const res = await t.gql(DISPUTE_TEXTS, { id: disputeId }, token(who));
        expect(res.errors).toBeUndefined();
        expect(res.data!.dispute).toEqual({
          language: 'fr',
          languages: ['fr', 'en', 'zh'],
          title: 'Viandes',
          summary: 'Importations interdites.',
          en: 'Meat',
          zh: '肉类',
          // No Arabic text: the title as filed, in French.
          ar: 'Viandes',
          ruSummary: 'Importations interdites.',
          zhSummary: '禁止进口。',
        });
      }
    });

    it('records the filing language and the translations in the audit record', async () => {
      const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE operation = 'requestConsultations' AND target_id = $1`, [
        disputeId,
      ]);
      expect(audit.details).toMatchObject({ language: 'fr', translations: ['en', 'zh'] });
    });

    it('refuses an unknown language for a text asked for (BAD_USER_INPUT UNKNOWN_LANGUAGE)', async () => {
      const res = await t.gql(`query($id: ID!) { dispute(id: $id) { title(language: "de") } }`, { id: disputeId });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'UNKNOWN_LANGUAGE', field: 'language' });
    });

    describe('addDisputeTranslation', () => {
      const translate = (who: Who | 'anonymous', language: string, title = `Title ${language}`) =>
        t.gql(TRANSLATE, { disputeId, language, title, summary: `Summary ${language}` }, token(who));

      it('lets another delegate of the complaining member add one, docketed and audited', async () => {
        const before = await counts();
        const res = await translate('chnColleague', 'ru', 'Мясо');
        expect(res.errors).toBeUndefined();
        expect(res.data!.addDisputeTranslation.languages).toEqual(['fr', 'en', 'zh', 'ru']);
        expect(await counts()).toEqual({
          ...before,
          translations: before.translations + 1,
          docket: before.docket + 1,
          audit: before.audit + 1,
        });
        const [entry] = await t.db.query(
          `SELECT actor_role, kind, text FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1`,
          [disputeId],
        );
        expect(entry).toEqual({
          actor_role: 'COMPLAINANT',
          kind: 'addDisputeTranslation',
          text: 'China filed the Russian text of the title and summary of the request for consultations.',
        });
        const [audit] = await t.db.query(
          `SELECT actor_id, target_type, target_id, details FROM audit_log WHERE operation = 'addDisputeTranslation'`,
        );
        expect(audit).toMatchObject({
          actor_id: users.chnColleague.id,
          target_type: 'Dispute',
          target_id: disputeId,
          details: { language: 'ru' },
        });
        const read = await t.gql(`query($id: ID!) { dispute(id: $id) { title(language: "ru") summary(language: "ru") } }`, {
          id: disputeId,
        });
        expect(read.data!.dispute).toEqual({ title: 'Мясо', summary: 'Summary ru' });
      });

      it('lets the secretariat add one', async () => {
        const res = await translate('sec', 'es', 'Carnes');
        expect(res.errors).toBeUndefined();
        const [entry] = await t.db.query(`SELECT actor_role, text FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1`, [
          disputeId,
        ]);
        expect(entry).toEqual({
          actor_role: 'SECRETARIAT',
          text: 'The secretariat filed the Spanish text of the title and summary of the request for consultations.',
        });
        // Read in the reader's language: the language filed is named in it, the organ too.
        const read = await t.gql(
          `query($id: ID!) { dispute(id: $id) { docket(first: 100) { nodes { message params fr: text(language: "fr") ar: text(language: "ar") zh: text(language: "zh") } } } }`,
          { id: disputeId },
        );
        expect(read.errors).toBeUndefined();
        expect(read.data!.dispute.docket.nodes.at(-1)).toEqual({
          message: 'docket.addDisputeTranslation',
          params: { actorOrgan: 'SECRETARIAT', language: 'es' },
          fr: 'Le secrétariat a déposé le texte espagnol du titre et du résumé de la demande de consultations.',
          ar: 'الأمانة: إيداع النص باللغة الإسبانية لعنوان طلب إجراء المشاورات وملخصه.',
          zh: '秘书处提交了磋商请求标题和摘要的西班牙文文本。',
        });
      });

      it.each(['pak', 'kaz', 'panelist'] as const)('refuses %s: FORBIDDEN NOT_THE_COMPLAINANT, nothing written', async (who) => {
        const before = await counts();
        const res = await translate(who, 'ar');
        expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', domainCode: 'NOT_THE_COMPLAINANT' });
        expect(await counts()).toEqual(before);
      });

      it('refuses the anonymous reader', async () => {
        const res = await translate('anonymous', 'ar');
        expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      });

      it('refuses the filing language (TRANSLATION_IN_FILING_LANGUAGE), a second text in a language (DUPLICATE) and an unknown one', async () => {
        const before = await counts();
        expect((await translate('chn', 'fr')).errors![0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          domainCode: 'TRANSLATION_IN_FILING_LANGUAGE',
          field: 'language',
        });
        expect((await translate('chn', 'en')).errors![0].extensions).toMatchObject({
          code: 'CONFLICT',
          domainCode: 'DUPLICATE',
          field: 'language',
        });
        expect((await translate('chn', 'de')).errors![0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          domainCode: 'UNKNOWN_LANGUAGE',
          field: 'language',
        });
        expect(await counts()).toEqual(before);
        // What was filed first stays.
        const read = await t.gql(`query($id: ID!) { dispute(id: $id) { title(language: "en") } }`, { id: disputeId });
        expect(read.data!.dispute.title).toBe('Meat');
      });
    });
  });

  it('files a dispute in English when no language is given; every text asked for is then the English one', async () => {
    const res = await request('chn', { title: 'Steel', summary: 'Duties.' });
    const id = res.data!.requestConsultations.id;
    expect(res.data!.requestConsultations.language).toBe('en');
    const read = await t.gql(`query($id: ID!) { dispute(id: $id) { languages fr: title(language: "fr") ar: summary(language: "ar") } }`, {
      id,
    });
    expect(read.data!.dispute).toEqual({ languages: ['en'], fr: 'Steel', ar: 'Duties.' });
  });

  it.each([
    ['an unknown filing language', { language: 'de' }, 'UNKNOWN_LANGUAGE', 'input.language'],
    [
      'an unknown translation language',
      { translations: [{ language: 'pt', title: 'T', summary: 'S' }] },
      'UNKNOWN_LANGUAGE',
      'input.translations[0].language',
    ],
    [
      'a translation in the filing language',
      { language: 'ru', translations: [{ language: 'RU', title: 'T', summary: 'S' }] },
      'TRANSLATION_IN_FILING_LANGUAGE',
      'input.translations[0].language',
    ],
  ])('refuses a filing with %s, writing nothing', async (_what, input, domainCode, field) => {
    const before = await counts();
    const res = await request('chn', input);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode, field });
    expect(await counts()).toEqual(before);
  });

  it('refuses a filing with two translations in one language', async () => {
    const before = await counts();
    const res = await request('chn', {
      translations: [
        { language: 'fr', title: 'A', summary: 'B' },
        { language: 'FR', title: 'C', summary: 'D' },
      ],
    });
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);
  });

  describe('documents in several languages', () => {
    let disputeId: string;
    let publicId: string;
    let confidentialId: string;
    const frBytes = Buffer.from('Demande de consultations présentée par la Chine', 'utf8');
    const secret = 'Exhibit CHN-7: cost data of the Xi plant';

    beforeAll(async () => {
      disputeId = (await request('chn', { language: 'en', title: 'Tea', summary: 'Tea duties.' })).data!.requestConsultations.id;
      const pub = await t.gql(
        FILE,
        {
          input: {
            disputeId,
            kind: 'NOTIFICATION',
            classification: 'PUBLIC',
            title: '中国的通知',
            language: 'zh',
            titleTranslations: [{ language: 'en', title: 'Notification by China' }],
            fileName: 'notification-zh.txt',
            mediaType: 'text/plain',
            content: b64('中国的通知'),
          },
        },
        token('chn'),
      );
      expect(pub.errors).toBeUndefined();
      publicId = pub.data!.fileDocument.id;
      expect(pub.data!.fileDocument.language).toBe('zh');
      const conf = await t.gql(
        FILE,
        {
          input: {
            disputeId,
            kind: 'EXHIBIT',
            classification: 'CONFIDENTIAL',
            readerIds: [users.reader.id],
            title: secret,
            fileName: 'exhibit.txt',
            mediaType: 'text/plain',
            content: b64('cost data'),
          },
        },
        token('chn'),
      );
      expect(conf.errors).toBeUndefined();
      confidentialId = conf.data!.fileDocument.id;
    });

    const addVersion = (who: Who | 'anonymous', documentId: string, language: string, content: Buffer, title?: string) =>
      t.gql(
        VERSION,
        { documentId, language, fileName: `v-${language}.txt`, mediaType: 'Text/Plain', content: b64(content), title },
        token(who),
      );

    it("lets a delegate of the filer's member add a version, with the title in its language; docketed and audited", async () => {
      const before = await counts();
      const res = await addVersion('chnColleague', publicId, 'fr', frBytes, 'Notification de la Chine');
      expect(res.errors).toBeUndefined();
      expect(res.data!.addDocumentVersion).toEqual({
        id: publicId,
        languages: ['zh', 'fr'],
        versions: [
          {
            language: 'fr',
            fileName: 'v-fr.txt',
            sha256: sha(frBytes),
            sizeBytes: frBytes.length,
            downloadPath: `/documents/${publicId}/content?lang=fr`,
          },
        ],
      });
      expect(await counts()).toEqual({
        ...before,
        versions: before.versions + 1,
        contents: before.contents + 1,
        docket: before.docket + 1,
        audit: before.audit + 1,
      });
      const [entry] = await t.db.query(
        `SELECT actor_role, kind, text, document_ids FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1`,
        [disputeId],
      );
      expect(entry).toEqual({
        actor_role: 'COMPLAINANT',
        kind: 'addDocumentVersion',
        text: 'China filed the French version of "中国的通知".',
        document_ids: [publicId],
      });
      const [audit] = await t.db.query(`SELECT target_type, target_id, details FROM audit_log WHERE operation = 'addDocumentVersion'`);
      expect(audit).toMatchObject({ target_type: 'Document', target_id: publicId, details: { language: 'fr', sha256: sha(frBytes) } });
    });

    it('gives the title in each language, falling back to the filing language', async () => {
      const res = await t.gql(
        `query($id: ID!) { document(id: $id) { language title en: title(language: "en") fr: title(language: "fr") ar: title(language: "ar") } }`,
        { id: publicId },
      );
      expect(res.data!.document).toEqual({
        language: 'zh',
        title: '中国的通知',
        en: 'Notification by China',
        fr: 'Notification de la Chine',
        ar: '中国的通知',
      });
    });

    it('lets the secretariat add a version', async () => {
      const res = await addVersion('sec', publicId, 'ru', Buffer.from('Уведомление Китая'));
      expect(res.errors).toBeUndefined();
      expect(res.data!.addDocumentVersion.languages).toEqual(['zh', 'fr', 'ru']);
    });

    it.each(['pak', 'kaz'] as const)('refuses %s, who sees the document but did not file it: FORBIDDEN NOT_THE_FILER', async (who) => {
      const before = await counts();
      const res = await addVersion(who, publicId, 'ar', Buffer.from('x'));
      expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', domainCode: 'NOT_THE_FILER' });
      expect(await counts()).toEqual(before);
    });

    it('refuses a second version in a language, and one in the filing language: CONFLICT DOCUMENT_VERSION_EXISTS', async () => {
      const before = await counts();
      for (const language of ['fr', 'zh']) {
        const res = await addVersion('chn', publicId, language, Buffer.from('again'));
        expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', domainCode: 'DOCUMENT_VERSION_EXISTS', field: 'language' });
      }
      const unknown = await addVersion('chn', publicId, 'it', Buffer.from('x'));
      expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'UNKNOWN_LANGUAGE' });
      expect(await counts()).toEqual(before);
    });

    it('serves a version with ?lang=: its bytes, its hash and its language; the filed file without it or in the filing language', async () => {
      const fr = await download(`/documents/${publicId}/content?lang=fr`, 'anonymous');
      expect(fr.status).toBe(200);
      expect(fr.body as Buffer).toEqual(frBytes);
      expect(sha(fr.body as Buffer)).toBe(sha(frBytes));
      expect(fr.headers['digest']).toBe(`sha-256=${Buffer.from(sha(frBytes), 'hex').toString('base64')}`);
      expect(fr.headers['content-language']).toBe('fr');
      expect(fr.headers['content-disposition']).toContain('v-fr.txt');
      expect(fr.headers['content-type']).toMatch(/^text\/plain/);
      for (const path of [`/documents/${publicId}/content`, `/documents/${publicId}/content?lang=zh`]) {
        const own = await download(path, 'anonymous');
        expect(own.status).toBe(200);
        expect((own.body as Buffer).toString()).toBe('中国的通知');
        expect(own.headers['content-language']).toBe('zh-Hans');
      }
    });

    it('answers 404 DOCUMENT_VERSION_NOT_FOUND for a language the document has no file in, 400 UNKNOWN_LANGUAGE for another code', async () => {
      const es = await download(`/documents/${publicId}/content?lang=es`, 'anonymous');
      expect(es.status).toBe(404);
      expect(JSON.parse((es.body as Buffer).toString()).error).toMatchObject({
        code: 'NOT_FOUND',
        domainCode: 'DOCUMENT_VERSION_NOT_FOUND',
      });
      const de = await download(`/documents/${publicId}/content?lang=de`, 'anonymous');
      expect(de.status).toBe(400);
      expect(JSON.parse((de.body as Buffer).toString()).error).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'UNKNOWN_LANGUAGE' });
    });

    describe('a confidential document', () => {
      const enBytes = Buffer.from('cost data (English version)');

      beforeAll(async () => {
        const res = await addVersion('chn', confidentialId, 'fr', enBytes, 'Pièce CHN-7 : données de coût');
        expect(res.errors).toBeUndefined();
      });

      it('never puts its title, in any language, into the docket', async () => {
        const [entry] = await t.db.query(`SELECT text FROM docket_entries WHERE dispute_id = $1 ORDER BY seq DESC LIMIT 1`, [disputeId]);
        expect(entry.text).toBe('China filed the French version of a confidential document (exhibit).');
        const all = await t.db.query(`SELECT text, params FROM docket_entries WHERE dispute_id = $1`, [disputeId]);
        expect(JSON.stringify(all)).not.toContain('CHN-7');
        const read = await t.gql(
          `query($id: ID!) { dispute(id: $id) { docket(first: 50) { nodes { fr: text(language: "fr") ru: text(language: "ru") es: text(language: "es") } } } }`,
          { id: disputeId },
        );
        expect(read.errors).toBeUndefined();
        expect(read.data!.dispute.docket.nodes).toContainEqual({
          fr: 'China a déposé la version française d’un document confidentiel (pièce justificative).',
          ru: expect.stringMatching(/языке; документ \(.+\) — конфиденциальный\.$/),
          es: expect.stringMatching(/presentó la versión en francés de un documento confidencial \(.+\)\.$/),
        });
        expect(JSON.stringify(read.data)).not.toContain('CHN-7');
      });

      it('shows its versions to a named reader, who downloads them', async () => {
        const res = await t.gql(
          `query($id: ID!) { document(id: $id) { languages fr: title(language: "fr") versions { language sha256 } } }`,
          { id: confidentialId },
          token('reader'),
        );
        expect(res.data!.document).toEqual({
          languages: ['en', 'fr'],
          fr: 'Pièce CHN-7 : données de coût',
          versions: [{ language: 'fr', sha256: sha(enBytes) }],
        });
        const got = await download(`/documents/${confidentialId}/content?lang=fr`, 'reader');
        expect(got.status).toBe(200);
        expect(got.body as Buffer).toEqual(enBytes);
      });

      it.each(['anonymous', 'pak', 'kaz', 'sec', 'panelist'] as const)(
        'shows %s no version, no title and no download: the document does not exist for them',
        async (who) => {
          const res = await t.gql(`query($id: ID!) { document(id: $id) { versions { language } } }`, { id: confidentialId }, token(who));
          expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
          const listed = await t.gql(
            `query($id: ID!) { dispute(id: $id) { documents(first: 50) { nodes { id versions { language } } } } }`,
            { id: disputeId },
            token(who),
          );
          expect(listed.data!.dispute.documents.nodes.map((n: { id: string }) => n.id)).not.toContain(confidentialId);
          for (const lang of ['fr', 'en']) {
            const got = await download(`/documents/${confidentialId}/content?lang=${lang}`, who);
            expect(got.status).toBe(404);
            expect((got.body as Buffer).toString()).not.toContain('cost data');
          }
          expect(JSON.stringify([res, listed])).not.toContain('CHN-7');
        },
      );

      it("withholds the audit record of its version from the secretariat, which may not read it; the public document's is shown", async () => {
        const log = await t.gql(`{ auditLog(first: 100) { nodes { operation targetId details detailsWithheld } } }`, {}, token('sec'));
        expect(log.errors).toBeUndefined();
        const versions = log.data!.auditLog.nodes.filter((n: { operation: string }) => n.operation === 'addDocumentVersion');
        const hidden = versions.filter((n: { detailsWithheld: boolean }) => n.detailsWithheld);
        expect(hidden).toEqual([{ operation: 'addDocumentVersion', targetId: null, details: null, detailsWithheld: true }]);
        expect(versions.filter((n: { targetId: string }) => n.targetId === publicId)).toHaveLength(2);
        expect(JSON.stringify(log)).not.toContain(confidentialId);
        expect(JSON.stringify(log)).not.toContain(sha(enBytes));
      });

      it.each(['pak', 'kaz', 'sec'] as const)('answers %s NOT_FOUND on addDocumentVersion, as a read does', async (who) => {
        const before = await counts();
        const res = await addVersion(who, confidentialId, 'ru', Buffer.from('x'));
        expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', domainCode: 'DOCUMENT_NOT_FOUND' });
        expect(await counts()).toEqual(before);
      });
    });
  });

  it('costs one statement more for a page of disputes with their titles in a language, whatever the page size', async () => {
    // The live docket loads each committed entry in a statement of its own, after the filing has
    // answered: wait until it has handed on all thirty, so that none of its statements is counted.
    const live = t.app.get(LiveDocketHub).subscribe({ disputeId: null });
    const filed = new Set<string>();
    for (let i = 0; i < 30; i += 1) {
      // A second apart: the thirty are the newest page, in filing order.
      t.clock.advance(1000);
      const res = await request('chn', {
        title: `Bulk ${i}`,
        translations: i % 2 ? [{ language: 'ar', title: `عنوان ${i}`, summary: 'ملخص' }] : [],
      });
      expect(res.errors).toBeUndefined();
      filed.add(res.data!.requestConsultations.id);
    }
    for await (const entry of live) {
      filed.delete(entry.disputeId);
      if (filed.size === 0) break;
    }
    const statements = async (n: number, field: string) => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      const res = await t.gql(`{ disputes(first: ${n}) { nodes { docketNumber ${field} } } }`, {}, t.tokenFor(users.kaz));
      const sqls = spy.mock.calls.map(([sql]) => String(sql)).filter((sql) => !sql.includes('rate_limits'));
      spy.mockRestore();
      expect(res.errors).toBeUndefined();
      expect(res.data!.disputes.nodes).toHaveLength(n);
      return { count: sqls.length, titles: res.data!.disputes.nodes.map((d: { title: string }) => d.title) as string[] };
    };
    const plain = await statements(10, 'title');
    const arabic10 = await statements(10, 'title(language: "ar") languages');
    const arabic30 = await statements(30, 'title(language: "ar") languages');
    expect(arabic10.count).toBe(plain.count + 1);
    expect(arabic30.count).toBe(arabic10.count);
    // Newest first: the odd ones have an Arabic title, the others are read as filed.
    expect(arabic30.titles).toEqual(Array.from({ length: 30 }, (_, k) => 29 - k).map((i) => (i % 2 ? `عنوان ${i}` : `Bulk ${i}`)));
  });

  it('the migration goes down and up again; the database refuses a language outside the six', async () => {
    const migration = new LanguageVersions1795790000100();
    const owner = new DataSource({ type: 'postgres', url: t.ownerUrl });
    await owner.initialize();
    const runner = owner.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const columns = async () =>
        (
          await runner.query(
            `SELECT table_name || '.' || column_name AS c FROM information_schema.columns
              WHERE (table_name IN ('disputes', 'documents') AND column_name IN ('language', 'title_translations'))
                 OR table_name IN ('dispute_translations', 'document_versions', 'document_version_contents') ORDER BY 1`,
          )
        ).map((r: { c: string }) => r.c);
      const present = await columns();
      expect(present).toEqual(expect.arrayContaining(['disputes.language', 'documents.language', 'documents.title_translations']));
      await migration.down(runner);
      expect(await columns()).toEqual([]);
      await migration.up(runner);
      expect(await columns()).toEqual(present);
      const [dispute] = await runner.query(`SELECT id, language FROM disputes ORDER BY number LIMIT 1`);
      // Rows from before the migration are English, as every filing was.
      expect(dispute.language).toBe('en');
      const refused = async (sql: string, params: unknown[], constraint: string) => {
        await runner.query('SAVEPOINT probe');
        await expect(runner.query(sql, params)).rejects.toThrow(constraint);
        await runner.query('ROLLBACK TO SAVEPOINT probe');
      };
      await refused(`UPDATE disputes SET language = 'de' WHERE id = $1`, [dispute.id], 'ck_disputes_language');
      await refused(
        `INSERT INTO dispute_translations (dispute_id, language, title, summary, added_at) VALUES ($1, 'pt', 'T', 'S', now())`,
        [dispute.id],
        'ck_dispute_translations_language',
      );
      await refused(`UPDATE documents SET title_translations = '{"de": "Titel"}'`, [], 'ck_documents_title_translations');
      await refused(`UPDATE documents SET title_translations = jsonb_build_object(language, 'x')`, [], 'ck_documents_title_translations');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      await owner.destroy();
    }
  });
});
