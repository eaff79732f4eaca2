import { createMember, createUser } from '../utils/factories';
import { startTestApp } from '../utils/test-app';

// Its own file: passport keeps one strategy per name in the process, so one app per file.
describe('document size limit', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  it('refuses a document over MAX_DOCUMENT_BYTES with PAYLOAD_TOO_LARGE, writing nothing', async () => {
    const small = await startTestApp({ env: { MAX_DOCUMENT_BYTES: '16' } });
    try {
      const member = await createMember(small.db, { code: 'CHN', name: 'China' });
      await createMember(small.db, { code: 'PAK', name: 'Pakistan' });
      const filer = await createUser(small.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
      const d = await small.gql(
        `mutation { requestConsultations(input: { respondents: ["PAK"], title: "T", measures: ["M"], legalBasis: ["L"], summary: "S" }) { id } }`,
        {},
        small.tokenFor(filer),
      );
      const input = {
        disputeId: d.data!.requestConsultations.id,
        kind: 'OTHER',
        classification: 'PUBLIC',
        title: 'Big',
        fileName: 'b.txt',
        mediaType: 'text/plain',
      };
      const res = await small.gql(
        `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id } }`,
        { input: { ...input, content: b64('x'.repeat(17)) } },
        small.tokenFor(filer),
      );
      expect(res.errors![0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: 16 });
      expect((await small.db.query('SELECT count(*)::int AS n FROM documents'))[0].n).toBe(0);
      const ok = await small.gql(
        `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { sizeBytes } }`,
        { input: { ...input, content: b64('x'.repeat(16)) } },
        small.tokenFor(filer),
      );
      expect(ok.data!.fileDocument.sizeBytes).toBe(16);
    } finally {
      await small.close();
    }
  });
});
