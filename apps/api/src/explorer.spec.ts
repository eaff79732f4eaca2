import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mountExplorer } from './explorer';

// The demo users name the explorer's environments; their module brings the whole application with it.
jest.mock('./demo/demo-data', () => ({
  DEMO_USERS: [{ email: 'registrar@demo.dsb', displayName: 'Registrar (demo)', role: 'SECRETARIAT', password: 'demo' }],
}));

/** An application with no routes of its own: the explorer's are all it serves. */
@Module({})
class NoRoutesModule {}

describe('the explorer', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(NoRoutesModule, new FastifyAdapter(), { logger: false });
    mountExplorer(app);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(() => app.close());

  /** A request with its path sent exactly as written (no client tidies `..` or `%2e` away). */
  function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('answers a browser opening /graphql with the page, and leaves every other request of /graphql alone', async () => {
    const page = await get('/graphql', { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body.toString()).toContain('<base href="/altair/">');
    expect((await get('/graphql?lang=fr', { accept: 'text/html' })).status).toBe(200);
    // No GraphQL endpoint here: what the page leaves alone ends as an unknown route.
    expect((await get('/graphql?query=%7B__typename%7D', { accept: 'text/html' })).status).toBe(404);
    expect((await get('/graphql', { accept: 'application/json' })).status).toBe(404);
    expect((await get('/graphql', { accept: 'text/html' }, 'POST')).status).toBe(404);
  });

  it("serves every file the page names, from Altair's build, with its type and a day of caching", async () => {
    const html = (await get('/graphql', { accept: 'text/html' })).body.toString();
    const references = [...html.matchAll(/\s(?:src|href)="([^"]+\.[a-z0-9]+)"/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThan(5);
    for (const ref of references) expect([ref, (await get(`/altair/${ref}`)).status]).toEqual([ref, 200]);
    const main = await get('/altair/main.js');
    expect(main.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(main.headers['cache-control']).toBe('public, max-age=86400');
    expect(Number(main.headers['content-length'])).toBe(main.body.length);
    expect((await get('/altair/styles.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/altair/assets/img/logo_350.svg')).headers['content-type']).toBe('image/svg+xml');
    expect((await get('/altair/./main.js?v=1')).body.equals(main.body)).toBe(true);
    const head = await get('/altair/main.js', {}, 'HEAD');
    expect([head.status, head.headers['content-length'], head.body.length]).toEqual([200, main.headers['content-length'], 0]);
  });

  it('answers a revalidation with 304 while the file is unchanged', async () => {
    const main = await get('/altair/main.js');
    expect(main.headers.etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await get('/altair/main.js', { 'if-none-match': main.headers.etag! });
    expect([again.status, again.body.length, again.headers.etag]).toEqual([304, 0, main.headers.etag]);
    expect((await get('/altair/main.js', { 'if-modified-since': main.headers['last-modified']! })).status).toBe(304);
    expect((await get('/altair/main.js', { 'if-none-match': 'W/"other"' })).status).toBe(200);
  });

  it('serves nothing but the files inside the build: the rest answers 404 like any unknown route', async () => {
    const outside = [
      '../package.json',
      '%2e%2e/package.json',
      '..%2fpackage.json',
      '%2e%2e%2f%2e%2e%2fpackage.json',
      'assets/../../package.json',
    ];
    for (const path of [...outside, '', 'assets', 'assets/', 'nothing.js', '.hidden', '%00main.js']) {
      const res = await get(`/altair/${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect((await get('/altair')).status).toBe(404);
    expect((await get('/altair/main.js', {}, 'POST')).status).toBe(404);
  });
});
