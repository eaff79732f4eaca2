import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Metrics, loadConfig } from '@app/core';
import request from 'supertest';
import { metricsPort, startMetricsServer } from '../../apps/worker/src/metrics-server';
import { ENV_APP_ROLE } from '../setup/test-database';
import { DEFAULT_PASSWORD, createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp, testSecrets } from '../utils/test-app';
import { workerJobs } from '../utils/worker-jobs';

const TOKEN = 'metrics-token-of-this-test-0123456789';
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;
const MEMBERS = '{ members(first: 1) { nodes { code } } }';

/** The application's JSON lines, as a test reads them. */
class Lines {
  readonly raw: string[] = [];
  write(line: string): void {
    this.raw.push(line);
  }
  get parsed(): Record<string, any>[] {
    return this.raw.map((line) => JSON.parse(line));
  }
  text(): string {
    return this.raw.join('');
  }
}

/** The value of one sample of the Prometheus text, 0 when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ? match[2].split(',') : [];
    if (wanted.length === have.length && wanted.every((pair) => have.includes(pair))) return Number(match[3]);
  }
  return 0;
}

describe('operations: request ids, JSON logs, metrics', () => {
  let t: TestApp;
  const lines = new Lines();

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'log', METRICS_TOKEN: TOKEN }, logDestination: lines });
    const member = await createMember(t.db, { code: 'KAZ', name: 'Kazakhstan' });
    await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id, email: 'delegate@kaz.test' });
  });
  afterAll(() => t?.close());

  const scrape = async () => {
    const res = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    return res.text;
  };

  describe('request ids', () => {
    it('gives every request an id in X-Request-Id, keeping a sane one the caller sent', async () => {
      const fresh = await t.http().get('/health/live');
      expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const other = await t.http().get('/health/live');
      expect(other.headers['x-request-id']).not.toBe(fresh.headers['x-request-id']);

      const kept = await t.http().get('/health/live').set('x-request-id', 'lb-7f3a.2026:12/06+1');
      expect(kept.headers['x-request-id']).toBe('lb-7f3a.2026:12/06+1');
    });

    it('replaces an id that is too long or not a plain token', async () => {
      for (const bad of ['x'.repeat(129), 'two words', '"quoted"', 'a{b}', '']) {
        const res = await t.http().get('/health/live').set('x-request-id', bad);
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
      const longest = await t.http().get('/health/live').set('x-request-id', 'y'.repeat(128));
      expect(longest.headers['x-request-id']).toBe('y'.repeat(128));
    });

    it("puts the request's id in a GraphQL answer with errors", async () => {
      const res = await t.http().post('/graphql').set('x-request-id', 'req-graphql-1').send({ query: '{ nosuchfield }' });
      expect(res.headers['x-request-id']).toBe('req-graphql-1');
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(res.body.extensions.requestId).toBe('req-graphql-1');

      const refused = await t
        .http()
        .post('/graphql')
        .send({ query: LOGIN, variables: { email: 'delegate@kaz.test', password: 'wrong password' } });
      expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(refused.body.extensions.requestId).toBe(refused.headers['x-request-id']);
      // Not in the error itself: two refusals that must look alike still do.
      expect(refused.body.errors[0].extensions.requestId).toBeUndefined();
      // An answer without errors does not carry it (the header does).
      const fine = await t.http().post('/graphql').send({ query: '{ __typename }' });
      expect(fine.body.extensions.requestId).toBeUndefined();
      expect(fine.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('logs', () => {
    it('writes one JSON access line per request, with its id, never a token, a cookie, a password or a body', async () => {
      const signedIn = await t.gql<{ login: { accessToken: string } }>(LOGIN, { email: 'delegate@kaz.test', password: DEFAULT_PASSWORD });
      const accessToken = signedIn.data!.login.accessToken;
      const before = lines.raw.length;
      const res = await t
        .http()
        .post('/graphql?secret-query=in-the-url')
        .set('authorization', `Bearer ${accessToken}`)
        .set('cookie', 'session=cookie-value-never-logged')
        .set('x-request-id', 'req-logs-1')
        .send({ query: LOGIN, variables: { email: 'delegate@kaz.test', password: 'a-password-never-logged' } });
      expect(res.status).toBe(200);

      const written = lines.raw.slice(before).join('');
      const all = lines.text();
      for (const secret of [accessToken, 'cookie-value-never-logged', 'a-password-never-logged', DEFAULT_PASSWORD, 'secret-query']) {
        expect(all).not.toContain(secret);
      }
      const access = lines.parsed.find((line) => line.requestId === 'req-logs-1' && line.res);
      expect(access).toMatchObject({
        level: 30,
        process: 'api',
        msg: 'POST /graphql 200',
        req: { id: 'req-logs-1', method: 'POST', path: '/graphql', headers: { authorization: '[redacted]', cookie: '[redacted]' } },
        res: { statusCode: 200 },
      });
      expect(typeof access!.responseTime).toBe('number');
      expect(written).not.toContain('variables');
      expect(written).not.toContain('"body"');
    });

    it('does not log probes and scrapes', async () => {
      const before = lines.raw.length;
      await t.http().get('/health/live').set('x-request-id', 'req-probe');
      await scrape();
      expect(lines.raw.slice(before).join('')).not.toContain('req-probe');
    });

    it("puts the request's id in a line written deep inside the request (an internal error's cause)", async () => {
      const role = process.env[ENV_APP_ROLE]!;
      await t.asOwner((db) => db.query(`REVOKE SELECT ON members FROM "${role}"`));
      try {
        const res = await t.http().post('/graphql').set('x-request-id', 'req-internal-1').send({ query: MEMBERS });
        expect(res.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
        expect(res.body.extensions.requestId).toBe('req-internal-1');
      } finally {
        await t.asOwner((db) => db.query(`GRANT SELECT ON members TO "${role}"`));
      }
      const cause = lines.parsed.find((line) => line.level === 50 && line.context === 'GraphQL');
      expect(cause).toMatchObject({ requestId: 'req-internal-1' });
      expect(cause!.msg).toMatch(/permission denied/);
    });
  });

  describe('metrics', () => {
    it('answers 404 without the token or with another, and Prometheus text with it', async () => {
      expect((await t.http().get('/metrics')).status).toBe(404);
      expect((await t.http().get('/metrics').set('authorization', 'Bearer not-the-token-of-this-test')).status).toBe(404);
      expect((await t.http().get('/metrics').set('authorization', TOKEN)).status).toBe(404);
      expect((await t.http().post('/metrics').set('authorization', `Bearer ${TOKEN}`)).status).toBe(404);
      const res = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
      expect(res.text).toContain('# TYPE dsb_http_requests_total counter');
    });

    it('counts requests by route group and status, their durations, and GraphQL errors by code', async () => {
      const ok = { group: 'graphql', method: 'POST', status: '200' };
      const before = await scrape();
      for (let i = 0; i < 3; i += 1) expect((await t.gql(MEMBERS)).errors).toBeUndefined();
      await t.gql('{ nosuchfield }');
      await t.http().get('/no/such/page');
      const after = await scrape();
      expect(sample(after, 'dsb_http_requests_total', ok) - sample(before, 'dsb_http_requests_total', ok)).toBe(3);
      // A query that fails validation is answered with 400.
      const invalid = { group: 'graphql', method: 'POST', status: '400' };
      expect(sample(after, 'dsb_http_requests_total', invalid) - sample(before, 'dsb_http_requests_total', invalid)).toBe(1);
      const notFound = { group: 'other', method: 'GET', status: '404' };
      expect(sample(after, 'dsb_http_requests_total', notFound) - sample(before, 'dsb_http_requests_total', notFound)).toBe(1);
      const count = (text: string) => sample(text, 'dsb_http_request_duration_seconds_count', { group: 'graphql' });
      expect(count(after) - count(before)).toBeGreaterThanOrEqual(4);
      const failed = (text: string) => sample(text, 'dsb_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(failed(after) - failed(before)).toBe(1);
    });

    it('reports the pool, the job queue, the notices pending, the sweep and the process', async () => {
      const text = await scrape();
      expect(sample(text, 'dsb_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(text).toMatch(/^dsb_db_pool_connections\{state="waiting"\} \d+$/m);
      expect(text).toMatch(/^dsb_job_queue_depth\{queue="procedure-sweep",state="created"\} \d+$/m);
      expect(text).toContain('# TYPE dsb_sweep_duration_seconds histogram');
      expect(text).toMatch(/^dsb_nodejs_eventloop_lag_seconds \S+$/m);
      expect(text).toMatch(/^dsb_nodejs_heap_size_used_bytes \d+$/m);

      const pending = sample(text, 'dsb_notices_pending');
      const [{ id }] = await t.db.query(`SELECT id FROM users LIMIT 1`);
      await t.asOwner((db) =>
        db.query(
          `INSERT INTO notices (id, recipient_user_id, category, kind, mandatory, email, digest, payload, created_at, next_attempt_at)
           VALUES ($1, $2, 'FILING', 'test', false, true, false, '{}', now(), now())`,
          [randomUUID(), id],
        ),
      );
      expect(sample(await scrape(), 'dsb_notices_pending')).toBe(pending + 1);
    });

    it('labels only route groups, methods, status codes and error codes: no path, id or user', async () => {
      const user = await createUser(t.db, { role: 'SECRETARIAT' });
      const token = t.tokenFor(user);
      const id = randomUUID();
      await t.http().get(`/documents/${id}/content`).set('authorization', `Bearer ${token}`);
      await t.http().get('/disputes/DS-9876').set('authorization', `Bearer ${token}`);
      await t.http().get(`/wp-admin/${id}.php?user=${user.id}`);
      await t.http().get('/metrics-and-more');
      await request(t.app.getHttpServer()).search('/graphql');
      const text = await scrape();
      expect(text).not.toContain(id);
      expect(text).not.toContain(user.id);
      expect(text).not.toContain('DS-9876');
      expect(text).not.toContain('wp-admin');
      const values = new Map<string, Set<string>>();
      for (const [, label, value] of text.matchAll(/([a-z_]+)="([^"]*)"/g)) {
        if (!values.has(label)) values.set(label, new Set());
        values.get(label)!.add(value);
      }
      const groups = ['graphql', 'health', 'metrics', 'documents', 'feeds', 'calendar', 'explorer', 'dev', 'site', 'other'];
      expect([...values.get('group')!].every((group) => groups.includes(group))).toBe(true);
      expect([...values.get('method')!].every((method) => /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|OTHER)$/.test(method))).toBe(true);
      expect([...values.get('status')!].every((status) => /^\d{3}$/.test(status))).toBe(true);
      expect([...values.get('code')!].every((code) => /^[A-Z][A-Z0-9_]*$/.test(code))).toBe(true);
    });

    it("serves the worker's metrics, its sweeps' durations among them, on a port of its own", async () => {
      const metrics = new Metrics();
      const jobs = workerJobs(t.app, metrics);
      await jobs.sweepOnce();
      const config = loadConfig({ NODE_ENV: 'test', ...testSecrets(), METRICS_TOKEN: TOKEN });
      const server: Server = await startMetricsServer(metrics, config, 0);
      try {
        const base = `http://127.0.0.1:${metricsPort(server)}`;
        expect((await fetch(`${base}/metrics`)).status).toBe(404);
        expect((await fetch(`${base}/`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
        const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
        expect(res.status).toBe(200);
        expect(sample(await res.text(), 'dsb_sweep_duration_seconds_count')).toBe(1);
      } finally {
        server.close();
      }
    });
  });
});

describe('operations: /metrics from this machine (METRICS_ALLOW_LOCAL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_ALLOW_LOCAL: 'true' } });
  });
  afterAll(() => t?.close());

  it('serves a request from 127.0.0.1 without a token, but not one a proxy forwarded', async () => {
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('dsb_http_requests_total');
    expect((await t.http().get('/metrics').set('x-forwarded-for', '203.0.113.9')).status).toBe(404);
    expect((await t.http().get('/metrics').set('forwarded', 'for=203.0.113.9')).status).toBe(404);
    // No token is configured: a bearer of anything is not let in by it.
    expect((await t.http().get('/metrics').set('x-forwarded-for', '203.0.113.9').set('authorization', 'Bearer ')).status).toBe(404);
  });
});
