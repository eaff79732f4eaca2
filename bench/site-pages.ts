// The public pages' speed (issue 17: a page renders in ≤ 50 ms at the median on the bench data
// set). Each page of SITE_PAGES is asked for one request at a time, as an anonymous browser asks for
// it (no token; a new request each time, no If-None-Match, so every answer is rendered, never a
// 304), and timed from the request to the last byte of the page; every answer is checked (200,
// HTML, the page's own <h1>). Median and p95 per page.
//
// `npm run bench` measures them on the API as it ships (dist, NODE_ENV=production, its own
// process) against its data set of 10 000 disputes and prints them beside its other figures;
// `npm run bench:pages` alone starts its own PostgreSQL (embedded in a temporary folder, or the
// server of DATABASE_URL), loads the same data set, and runs the API in this process.
//
// Options (bench:pages): --requests N per page (default 200), --quick (40), --only <words> (the pages
// whose name contains them), --no-cache (PUBLIC_CACHE_ENTRIES=0: every page computed, as before the
// pages were kept in the cache of public answers). With the cache, bench:pages also times each page
// computed afresh ("after a change"): the version of the public data advanced before each request,
// as every command advances it, so the cache misses (at most 20 requests a page).
// First: NODE_ENV=production before any library loads (bench/lib/production-env.ts says why).
import { productionSecrets } from './lib/production-env';
import { randomBytes } from 'node:crypto';
import { quantile } from './lib/quantile';
import { type PageFigure, renderSitePages } from './lib/report';

export type { PageFigure, PageFigures } from './lib/report';

/**
 * The public pages measured, in the order printed. Extend it as pages are added: a path (with its
 * query) that answers 200 on the bench data set, where DS numbers run from DS1 to DS10000 and
 * DS1 is the oldest dispute (the longest record: the heaviest dispute page). A page whose address
 * holds an id the data set draws at random (an election, a member) names the list page it is
 * found on (its JSON) instead: `find` picks the path from that list's data.
 */
export const SITE_PAGES: SitePage[] = [
  { name: 'docket', path: '/' },
  { name: 'docket, Arabic', path: '/?lang=ar' },
  { name: 'a dispute (DS1)', path: '/disputes/DS1' },
  { name: 'a dispute (DS1), Arabic', path: '/disputes/DS1?lang=ar' },
  { name: 'adopted reports', path: '/reports' },
  { name: 'roster', path: '/roster' },
  { name: 'elections', path: '/elections' },
  {
    name: 'an election',
    path: '/elections',
    find: (data) => `/elections/${(data as { elections: { nodes: { id: string }[] } }).elections.nodes[0].id}`,
  },
  { name: 'calendar', path: '/calendar' },
  { name: 'statistics', path: '/statistics' },
  { name: 'statistics, Arabic', path: '/statistics?lang=ar' },
  { name: 'members', path: '/members' },
  {
    name: 'a member',
    path: '/members',
    find: (data) => `/members/${(data as { members: { nodes: { code: string }[] } }).members.nodes[0].code}`,
  },
  { name: 'periodic report', path: '/periodic-report' },
  { name: 'periodic report, Arabic', path: '/periodic-report?lang=ar' },
];

export interface SitePage {
  name: string;
  path: string;
  /** The path to measure, from the data of `path` (its `?format=json`): for a page whose address the data set draws. */
  find?: (data: unknown) => string;
}

/** The path a page is measured at: its own, or the one its list's data names. */
async function pathOf(base: string, page: SitePage): Promise<string> {
  if (!page.find) return page.path;
  const url = new URL(page.path, base);
  url.searchParams.set('format', 'json');
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return page.find(((await res.json()) as { data: unknown }).data);
}

/**
 * Times `requests` sequential requests of each page against the API at `base` (after a few to warm
 * up); with `advance` (a step of the version of the public data), also the page after a change.
 */
export async function measureSitePages(
  base: string,
  requests: number,
  pages = SITE_PAGES,
  advance?: () => Promise<void>,
): Promise<PageFigure[]> {
  const figures: PageFigure[] = [];
  for (const page of pages) {
    const path = await pathOf(base, page);
    // The page, and its data alone (`?format=json`: the same query, no HTML): where the time goes.
    const data = new URL(path, base);
    data.searchParams.set('format', 'json');
    const once = async (url: string, html: boolean): Promise<{ ms: number; bytes: number }> => {
      const started = process.hrtime.bigint();
      const res = await fetch(url, { headers: { accept: html ? 'text/html' : 'application/json', 'accept-language': 'en' } });
      const body = await res.text();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const ok = html
        ? res.headers.get('content-type')?.startsWith('text/html') && /<h1>[^<]+(<span [^>]+>[^<]+<\/span>)?<\/h1>/.test(body)
        : body.startsWith('{');
      if (res.status !== 200 || !ok)
        throw new Error(`${url}: HTTP ${res.status} ${res.headers.get('content-type')}, ${body.slice(0, 300)}`);
      return { ms, bytes: Buffer.byteLength(body) };
    };
    const series = async (url: string, html: boolean) => {
      for (let i = 0; i < Math.min(20, requests); i++) await once(url, html);
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < requests; i++) {
        const answer = await once(url, html);
        times.push(answer.ms);
        bytes = answer.bytes;
      }
      times.sort((a, b) => a - b);
      return { median: quantile(times, 0.5), p95: quantile(times, 0.95), bytes };
    };
    const rendered = await series(`${base}${path}`, true);
    const json = await series(data.toString(), false);
    let missMedian: number | undefined;
    if (advance) {
      const times: number[] = [];
      for (let i = 0; i < Math.min(20, requests); i++) {
        await advance();
        times.push((await once(`${base}${path}`, true)).ms);
      }
      missMedian = quantile(
        times.sort((a, b) => a - b),
        0.5,
      );
    }
    figures.push({ name: page.name, path, requests, ...rendered, dataMedian: json.median, missMedian });
  }
  return figures;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--requests');
  const requests = at >= 0 ? Number(args[at + 1]) : args.includes('--quick') ? 40 : 200;
  // --only <words>: the pages whose name contains them (a page's figures before and after a change).
  const only = args.indexOf('--only');
  const pages = only >= 0 ? SITE_PAGES.filter((p) => p.name.includes(args[only + 1] ?? '')) : SITE_PAGES;
  const cached = !args.includes('--no-cache');
  const { runMigrations } = await import('@app/migrations');
  const { APPLICATION_ROLE, advancePublicReadVersion, ensureApplicationRole, loadConfig, withCredentials } = await import('@app/core');
  const { DataSource } = await import('typeorm');
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const { loadDataset } = await import('./dataset');
  const { freePort, startBenchServer } = await import('./lib/database');

  log('Starting PostgreSQL');
  const server = await startBenchServer();
  const stops: (() => Promise<unknown>)[] = [() => server.stop()];
  try {
    const databaseUrl = await server.createDatabase('dsb_pages_bench');
    // As bench/run.ts: the superuser migrates and loads, the API connects as the application's role.
    const appPassword = randomBytes(18).toString('base64url');
    await ensureApplicationRole(databaseUrl, APPLICATION_ROLE, appPassword);
    await runMigrations(databaseUrl, { applicationRole: APPLICATION_ROLE });
    const appUrl = withCredentials(databaseUrl, APPLICATION_ROLE, appPassword);
    await loadDataset(databaseUrl);
    const jwtSecret = randomBytes(48).toString('base64url');
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      JWT_SECRET: jwtSecret,
      ...productionSecrets(),
      DATABASE_URL: appUrl,
      ...(cached ? {} : { PUBLIC_CACHE_ENTRIES: '0' }),
    });
    const app = await createApiApp({ config, databaseUrl: appUrl, jwtSecret, logger: false });
    stops.unshift(() => app.close());
    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    log(`API listening on ${port} (in this process, under ts-node); ${requests} requests a page, ${cached ? 'with' : 'without'} the cache`);
    // A step of the version outside any command: what every committed command does last.
    const dataSource = app.get(DataSource);
    const advance = cached ? () => advancePublicReadVersion({ query: (sql, params) => dataSource.query(sql, params) }) : undefined;
    const figures = await measureSitePages(`http://127.0.0.1:${port}`, requests, pages, advance);
    process.stdout.write(`\n${renderSitePages({ pages: figures, requests })}\n`);
  } finally {
    for (const stop of stops) await stop().catch((error: Error) => log(`clean-up: ${error.message}`));
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      log(`bench:pages failed: ${(error as Error).stack ?? String(error)}`);
      process.exit(1);
    },
  );
}
