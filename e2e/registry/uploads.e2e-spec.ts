import { UserEntity } from '@app/core';
import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generatedFile } from '../utils/generated-file';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';
import { workerJobs } from '../utils/worker-jobs';

const MiB = 1024 * 1024;
// The size of the large upload: 256 MiB in `npm test` (two cores shared by the whole suite: about
// 40 s), 1 GiB for the measurement (`UPLOAD_E2E_BYTES=1073741824 npx jest e2e/registry/uploads`).
// The API runs in this process, beside the client that sends and reads the file: the memory
// measured is both's (twice the traffic), bounded by 160 MiB whatever the size. A file held whole
// anywhere (a buffered body, a content read in one piece) passes that at the default size already.
const LARGE = Number(process.env.UPLOAD_E2E_BYTES ?? 256 * MiB);

const FILE = `mutation($input: FileDocumentInput!) { fileDocument(input: $input) { id sha256 sizeBytes downloadPath } }`;

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

describe('documents of any size: streamed uploads and ranged downloads', () => {
  let t: TestApp;
  let base: URL;
  let filer: UserEntity;
  let other: UserEntity;
  let disputeId: string;

  /** One request on a real socket (supertest buffers bodies): the body streamed, the answer hashed or kept. */
  const send = (
    method: string,
    path: string,
    options: { token?: string; headers?: Record<string, string>; body?: NodeJS.ReadableStream; keep?: boolean } = {},
  ): Promise<Answer & { sha256: string; bytes: number }> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(new URL(path, base), {
        method,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body ? { 'content-type': 'application/octet-stream' } : {}),
          ...options.headers,
        },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const hash = createHash('sha256');
        const kept: Buffer[] = [];
        let bytes = 0;
        res.on('data', (data: Buffer) => {
          hash.update(data);
          bytes += data.length;
          if (options.keep !== false) kept.push(data);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(kept), sha256: hash.digest('hex'), bytes }),
        );
        res.on('error', reject);
      });
      if (options.body) pipeline(options.body, req).catch(reject);
      else req.end();
    });
  const json = (answer: Answer) => JSON.parse(answer.body.toString('utf8'));
  const input = (extra: Record<string, unknown>) => ({
    disputeId,
    kind: 'EXHIBIT',
    classification: 'RESTRICTED',
    title: 'Exhibit CHN-1',
    fileName: 'exhibit.bin',
    mediaType: 'application/octet-stream',
    ...extra,
  });
  const leftovers = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*) FROM document_uploads)::int AS uploads,
                (SELECT count(*) FROM document_chunks c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.content_key)
                   AND NOT EXISTS (SELECT 1 FROM document_uploads u WHERE u.id = c.content_key))::int AS stray`,
      )
    )[0] as { uploads: number; stray: number };

  beforeAll(async () => {
    t = await startTestApp();
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    base = new URL(`http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`);
    const member = await createMember(t.db, { code: 'CHN', name: 'China' });
    await createMember(t.db, { code: 'PAK', name: 'Pakistan' });
    filer = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    other = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    const d = await t.gql(
      `mutation { requestConsultations(input: { respondents: ["PAK"], title: "T", measures: ["M"], legalBasis: ["L"], summary: "S" }) { id } }`,
      {},
      t.tokenFor(filer),
    );
    disputeId = d.data!.requestConsultations.id;
  });
  afterAll(() => t.close());

  it(`files a generated file of ${LARGE} bytes streamed, with its SHA-256 end to end, in constant memory`, async () => {
    const file = generatedFile(LARGE);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let atPeak = process.memoryUsage();
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      if (now.rss > peak) [peak, atPeak] = [now.rss, now];
    }, 50);
    try {
      const started = Date.now();
      const up = await send('POST', '/uploads', { token: t.tokenFor(filer), body: file.stream() });
      const uploadMs = Date.now() - started;
      const afterUpload = Math.round((peak - before) / MiB);
      expect(up.status).toBe(201);
      const upload = json(up);
      expect(upload).toMatchObject({ sizeBytes: LARGE, sha256: file.sha256() });
      const filed = await t.gql(FILE, { input: input({ uploadId: upload.uploadId }) }, t.tokenFor(filer));
      expect(filed.errors).toBeUndefined();
      expect(filed.data!.fileDocument).toMatchObject({ sizeBytes: LARGE, sha256: file.sha256() });
      const downStarted = Date.now();
      const down = await send('GET', filed.data!.fileDocument.downloadPath, { token: t.tokenFor(filer), keep: false });
      const downloadMs = Date.now() - downStarted;
      expect(down.status).toBe(200);
      expect(down.bytes).toBe(LARGE);
      expect(down.sha256).toBe(file.sha256());
      expect(down.headers.etag).toBe(`"sha256-${file.sha256()}"`);
      // What the bench reads: the same figures at 1 GiB.
      process.stdout.write(
        `upload ${LARGE} B: ${Math.round(LARGE / MiB / (uploadMs / 1000))} MiB/s up, ${Math.round(LARGE / MiB / (downloadMs / 1000))} MiB/s down, RSS +${Math.round((peak - before) / MiB)} MiB (+${afterUpload} MiB by the end of the upload) ` +
          `(at its peak: heap ${Math.round(atPeak.heapUsed / MiB)} MiB used of ${Math.round(atPeak.heapTotal / MiB)}, buffers ${Math.round(atPeak.arrayBuffers / MiB)} MiB)\n`,
      );
    } finally {
      clearInterval(sampler);
    }
    expect(peak - before).toBeLessThan(160 * MiB);
    // The upload was taken: its row says by whom, and no byte is left outside the document.
    expect(await leftovers()).toEqual({ uploads: 1, stray: 0 });
  }, 600_000);

  it('serves ranges of the file: 206 with Content-Range, across chunks, a suffix, 416 past the end, 304 for its ETag', async () => {
    const file = generatedFile(3 * MiB + 123);
    const up = json(await send('POST', '/uploads', { token: t.tokenFor(filer), body: file.stream() }));
    const filed = await t.gql(FILE, { input: input({ uploadId: up.uploadId, title: 'Ranges' }) }, t.tokenFor(filer));
    const path = filed.data!.fileDocument.downloadPath as string;
    const size = 3 * MiB + 123;
    for (const [header, start, end] of [
      ['bytes=0-99', 0, 99],
      [`bytes=${MiB - 10}-${2 * MiB + 10}`, MiB - 10, 2 * MiB + 10],
      ['bytes=-123', size - 123, size - 1],
      [`bytes=${3 * MiB}-`, 3 * MiB, size - 1],
    ] as const) {
      const part = await send('GET', path, { token: t.tokenFor(filer), headers: { range: header } });
      expect({ header, status: part.status, range: part.headers['content-range'], length: part.headers['content-length'] }).toEqual({
        header,
        status: 206,
        range: `bytes ${start}-${end}/${size}`,
        length: String(end - start + 1),
      });
      expect(part.body.equals(file.bytesAt(start, end))).toBe(true);
    }
    const whole = await send('GET', path, { token: t.tokenFor(filer), keep: false });
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.sha256).toBe(up.sha256);
    const past = await send('GET', path, { token: t.tokenFor(filer), headers: { range: `bytes=${size}-` } });
    expect([past.status, past.headers['content-range']]).toEqual([416, `bytes */${size}`]);
    const cached = await send('GET', path, { token: t.tokenFor(filer), headers: { 'if-none-match': `"sha256-${up.sha256}"` } });
    expect([cached.status, cached.body.length]).toEqual([304, 0]);
    // A range of a content the client does not hold (another If-Range) is the whole content.
    const changed = await send('GET', path, {
      token: t.tokenFor(filer),
      headers: { range: 'bytes=0-9', 'if-range': '"sha256-0"' },
      keep: false,
    });
    expect([changed.status, changed.bytes]).toEqual([200, size]);
    // The policy is the download's: a range of a restricted document is nobody else's either.
    expect((await send('GET', path, { headers: { range: 'bytes=0-9' } })).status).toBe(404);
  });

  it('keeps nothing of an upload cut off half-way', async () => {
    const before = await leftovers();
    const auditBefore = (await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'uploadDocument'`))[0].n;
    const file = generatedFile(8 * MiB);
    await new Promise<void>((resolve) => {
      const req = httpRequest(new URL('/uploads', base), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${t.tokenFor(filer)}`,
          'content-type': 'application/octet-stream',
          'content-length': String(8 * MiB),
        },
      });
      req.on('error', () => resolve());
      const source = file.stream();
      let sent = 0;
      source.on('data', (data: Buffer) => {
        sent += data.length;
        req.write(data);
        if (sent >= 3 * MiB) {
          source.destroy();
          // The client goes away with 3 of its 8 MiB sent.
          setTimeout(() => req.destroy(), 200);
        }
      });
    });
    // The server sees the socket close and rolls the upload back: wait until no transaction of
    // the upload is open (its chunks, uncommitted, are invisible until then), then look.
    const open = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
        )
      )[0].n as number;
    for (let i = 0; i < 100 && (await open()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await open()).toBe(0);
    expect(await leftovers()).toEqual(before);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'uploadDocument'`))[0].n).toBe(auditBefore);
  });

  it('refuses a damaged upload (X-Content-SHA256), an anonymous one and a JSON body, keeping nothing', async () => {
    const before = await leftovers();
    const file = generatedFile(2 * MiB);
    const wrong = await send('POST', '/uploads', {
      token: t.tokenFor(filer),
      body: file.stream(),
      headers: { 'x-content-sha256': '0'.repeat(64) },
    });
    expect([wrong.status, json(wrong).error.domainCode]).toEqual([400, 'UPLOAD_DIGEST_MISMATCH']);
    const anonymous = await send('POST', '/uploads', { body: generatedFile(1000).stream() });
    expect(anonymous.status).toBe(401);
    const asJson = await send('POST', '/uploads', {
      token: t.tokenFor(filer),
      body: Readable.from([Buffer.from('{"content":"eA=="}')]),
      headers: { 'content-type': 'application/json' },
    });
    expect([asJson.status, json(asJson).error.domainCode]).toEqual([400, 'UPLOAD_CONTENT_TYPE']);
    expect(await leftovers()).toEqual(before);
    const right = generatedFile(1000);
    const ok = await send('POST', '/uploads', {
      token: t.tokenFor(filer),
      body: right.stream(),
      headers: { 'x-content-sha256': createHash('sha256').update(right.bytesAt(0, 999)).digest('hex') },
    });
    expect(ok.status).toBe(201);
  });

  it('takes a text file byte for byte, whatever its media type says: no parser reads it as a string', async () => {
    // Latin-1 bytes that are no UTF-8, CRLF line ends, a NUL and a BOM: a text parser would change each.
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Caf\xe9 \x00 line\r\nnext\r\n', 'latin1')]);
    for (const mediaType of ['text/plain', 'text/plain; charset=utf-8', 'text/csv']) {
      const up = await send('POST', '/uploads', {
        token: t.tokenFor(filer),
        body: Readable.from([bytes]),
        headers: { 'content-type': mediaType, 'x-content-sha256': createHash('sha256').update(bytes).digest('hex') },
      });
      expect([up.status, json(up).sizeBytes]).toEqual([201, bytes.length]);
      const filed = await t.gql(
        FILE,
        { input: input({ uploadId: json(up).uploadId, title: `Notes (${mediaType})`, fileName: 'notes.txt', mediaType: 'text/plain' }) },
        t.tokenFor(filer),
      );
      expect(filed.errors).toBeUndefined();
      const back = await send('GET', filed.data!.fileDocument.downloadPath, { token: t.tokenFor(filer) });
      expect([back.status, back.body.equals(bytes)]).toEqual([200, true]);
    }
  });

  it('an upload is its uploader’s, filed once; a retry with the idempotency key gets the first filing', async () => {
    const up = json(await send('POST', '/uploads', { token: t.tokenFor(filer), body: generatedFile(5000).stream() }));
    const stolen = await t.gql(FILE, { input: input({ uploadId: up.uploadId, title: 'Not mine' }) }, t.tokenFor(other));
    expect(stolen.errors![0].extensions.domainCode).toBe('UPLOAD_NOT_FOUND');
    const both = await t.gql(FILE, { input: input({ uploadId: up.uploadId, content: 'eA==' }) }, t.tokenFor(filer));
    expect(both.errors![0].extensions.domainCode).toBe('CONTENT_OR_UPLOAD');
    const neither = await t.gql(FILE, { input: input({}) }, t.tokenFor(filer));
    expect(neither.errors![0].extensions.domainCode).toBe('CONTENT_OR_UPLOAD');
    const first = await t.gql(FILE, { input: input({ uploadId: up.uploadId, idempotencyKey: 'exhibit-2' }) }, t.tokenFor(filer));
    expect(first.errors).toBeUndefined();
    const retry = await t.gql(FILE, { input: input({ uploadId: up.uploadId, idempotencyKey: 'exhibit-2' }) }, t.tokenFor(filer));
    expect(retry.data!.fileDocument.id).toBe(first.data!.fileDocument.id);
    const again = await t.gql(FILE, { input: input({ uploadId: up.uploadId, title: 'Again' }) }, t.tokenFor(filer));
    expect(again.errors![0].extensions.domainCode).toBe('UPLOAD_ALREADY_USED');
    // The same bytes sent base64 under the key are the same filing too: the hash is the content's.
    const docket = await t.db.query(`SELECT count(*)::int AS n FROM docket_entries WHERE $1 = ANY(document_ids)`, [
      first.data!.fileDocument.id,
    ]);
    expect(docket[0].n).toBe(1);
  });

  it('the worker purges the uploads past UPLOAD_TTL_HOURS, every batch, with their content; a filed one keeps its bytes', async () => {
    const upload = async (size: number) =>
      json(await send('POST', '/uploads', { token: t.tokenFor(filer), body: generatedFile(size).stream() }));
    // More than one purge's batch (20) of unused uploads, and one a filing took.
    const unused: string[] = [];
    for (let i = 0; i < 23; i++) unused.push((await upload(1000 + i)).uploadId);
    const used = await upload(4000);
    const filed = await t.gql(FILE, { input: input({ uploadId: used.uploadId, title: 'Filed before it expired' }) }, t.tokenFor(filer));
    expect(filed.errors).toBeUndefined();
    t.clock.advance(23 * 60 * 60 * 1000);
    const recent = await upload(3000);
    t.clock.advance(2 * 60 * 60 * 1000);
    const late = await t.gql(FILE, { input: input({ uploadId: unused[0], title: 'Late' }) }, t.tokenFor(filer));
    expect(late.errors![0].extensions.domainCode).toBe('UPLOAD_NOT_FOUND');
    // Nothing is purged until the worker's job runs: no upload comes to do it.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM document_uploads WHERE id = ANY($1)`, [unused]))[0].n).toBe(23);

    await workerJobs(t.app).sweepOnce();
    const rows = await t.db.query(`SELECT id FROM document_uploads WHERE id = ANY($1)`, [[...unused, used.uploadId, recent.uploadId]]);
    expect(rows.map((r: { id: string }) => r.id)).toEqual([recent.uploadId]);
    const chunks = await t.db.query(`SELECT DISTINCT content_key FROM document_chunks WHERE content_key = ANY($1)`, [
      [...unused, used.uploadId, recent.uploadId],
    ]);
    expect(chunks.map((r: { content_key: string }) => r.content_key)).toEqual([recent.uploadId]);
    expect((await leftovers()).stray).toBe(0);
    // The filed upload's bytes are its document's, and stay.
    const down = await send('GET', filed.data!.fileDocument.downloadPath, { token: t.tokenFor(filer) });
    expect([down.status, down.sha256]).toEqual([200, used.sha256]);
    const purges = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'purgeUploads'`);
    expect(purges[0].n).toBeGreaterThanOrEqual(2);
  });
});
