import type { UserEntity } from '@app/core';
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

/*
 * The bounds of POST /uploads (README, "Documents of any size"): UPLOAD_CONCURRENCY uploads at once
 * per API process, each holding a connection of the pool, the others refused at once with
 * UPLOADS_BUSY (503, Retry-After) and none of their body read; an upload silent for
 * UPLOAD_IDLE_TIMEOUT_SECONDS abandoned, keeping nothing and giving its connection back.
 */

const KiB = 1024;
const IDLE_SECONDS = 2;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** An upload whose body the test sends piece by piece: `send` a piece, `end` it, and its answer. */
interface OpenUpload {
  req: ClientRequest;
  send(bytes: number): void;
  end(): void;
  answer: Promise<Answer>;
  /** Settles when the connection is closed, by either side. */
  closed: Promise<void>;
}

describe('uploads: UPLOAD_CONCURRENCY and UPLOAD_IDLE_TIMEOUT_SECONDS', () => {
  let t: TestApp;
  let base: URL;
  let filer: UserEntity;

  const open = (token: string): OpenUpload => {
    const req = httpRequest(new URL('/uploads', base), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      agent: false,
    });
    const answer = new Promise<Answer>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (part: string) => (text += part));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    // The answer's promise is read by the tests that expect one; the others only see the close.
    void answer.catch(() => undefined);
    const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
    req.flushHeaders();
    return { req, send: (bytes) => void req.write(randomBytes(bytes)), end: () => req.end(), answer, closed };
  };

  const metric = async (line: RegExp): Promise<number | null> => {
    const text = (await t.http().get('/metrics')).text;
    const found = text.split('\n').find((l) => line.test(l));
    return found === undefined ? null : Number(found.split(' ').pop());
  };

  const leftovers = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*) FROM document_uploads)::int AS uploads,
                (SELECT count(*) FROM document_chunks c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.content_key)
                   AND NOT EXISTS (SELECT 1 FROM document_uploads u WHERE u.id = c.content_key))::int AS stray`,
      )
    )[0] as { uploads: number; stray: number };

  /** Transactions open on the database, but this question's: an upload in progress holds one. */
  const openTransactions = async () =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
      )
    )[0].n as number;

  const until = async (what: string, test: () => Promise<boolean>, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!(await test())) {
      if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: { UPLOAD_CONCURRENCY: '1', UPLOAD_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS), METRICS_ALLOW_LOCAL: 'true' },
    });
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    base = new URL(`http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`);
    const member = await createMember(t.db, { code: 'CHN', name: 'China' });
    filer = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
  });
  afterAll(() => t.close());

  it('refuses a second upload at once (503 UPLOADS_BUSY, Retry-After) while one is slow, serves GraphQL meanwhile, then takes the next', async () => {
    const slow = open(t.tokenFor(filer));
    let sent = 64 * KiB;
    slow.send(sent);
    // Kept alive well within the idle bound: a slow client, not a silent one.
    const trickle = setInterval(() => {
      slow.send(4 * KiB);
      sent += 4 * KiB;
    }, 300);
    try {
      await until('the slow upload holds its place', async () => (await metric(/^dsb_uploads_in_progress /)) === 1);

      const second = open(t.tokenFor(filer));
      second.send(16 * KiB);
      const busy = await second.answer;
      expect([busy.status, busy.headers['retry-after'], busy.headers.connection]).toEqual([503, '30', 'close']);
      expect(JSON.parse(busy.text).error).toMatchObject({ code: 'UNAVAILABLE', domainCode: 'UPLOADS_BUSY', retryAfterSeconds: 30 });
      // The refused upload's connection is closed after the answer: none of its body is read.
      await second.closed;

      // The pool is not the uploads': more queries at once than it has connections all succeed.
      const queries = await Promise.all(
        Array.from({ length: 12 }, (_, i) => t.gql(`{ members(first: ${i + 1}) { nodes { code } } }`, {}, t.tokenFor(filer))),
      );
      expect(queries.map((q) => q.errors)).toEqual(queries.map(() => undefined));
      expect(await metric(/^dsb_uploads_refused_total\{reason="busy"\} /)).toBe(1);
      expect(await metric(/^dsb_uploads_in_progress /)).toBe(1);
      // On a fast machine all of the above takes less than one trickle: the slow upload is seen
      // to go on after the refusal, whatever the machine's speed.
      await until('the slow upload sends more', async () => sent > 64 * KiB);
    } finally {
      clearInterval(trickle);
    }
    slow.end();
    const done = await slow.answer;
    expect(done.status).toBe(201);
    expect(JSON.parse(done.text).sizeBytes).toBe(sent);

    // Its place is free again: the next upload is taken.
    const next = open(t.tokenFor(filer));
    next.send(1000);
    next.end();
    expect((await next.answer).status).toBe(201);
    expect(await metric(/^dsb_uploads_in_progress /)).toBe(0);
  }, 60_000);

  it('abandons an upload silent for UPLOAD_IDLE_TIMEOUT_SECONDS: connection closed, nothing kept, its place and connection given back', async () => {
    const before = await leftovers();
    const auditBefore = (await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'uploadDocument'`))[0].n;
    const silent = open(t.tokenFor(filer));
    // More than a chunk of the store (1 MiB): some of it written in the upload's transaction.
    silent.send(1536 * KiB);
    await until('the upload is in progress', async () => (await openTransactions()) > 0);
    const started = Date.now();
    await silent.closed;
    const after = (Date.now() - started) / 1000;
    // Closed by the server for its silence, not before the bound (nor long after it).
    expect(after).toBeGreaterThan(IDLE_SECONDS - 1);
    expect(after).toBeLessThan(IDLE_SECONDS + 8);
    await until('its transaction is rolled back', async () => (await openTransactions()) === 0);
    expect(await leftovers()).toEqual(before);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'uploadDocument'`))[0].n).toBe(auditBefore);
    expect(await metric(/^dsb_uploads_refused_total\{reason="idle"\} /)).toBe(1);
    expect(await metric(/^dsb_uploads_in_progress /)).toBe(0);

    // Its place was given back: an upload is taken at once.
    const next = open(t.tokenFor(filer));
    next.send(2000);
    next.end();
    expect((await next.answer).status).toBe(201);
  }, 60_000);
});
