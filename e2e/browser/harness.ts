import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { CommandRunner } from '@app/core';
import { DisputesService } from '@app/registry';
import { loadDemoDataIfEmpty } from '../../apps/api/src/demo/demo-data';
import { addDemoPresent } from '../../apps/api/src/demo/demo-live';
import { HOW_TO_INSTALL, findChromium } from '../../scripts/ensure-chromium';
import { TestApp, startTestApp } from '../utils/test-app';

// The browser tests (README, Contributing, "The browser tests"): the public pages as a reader's
// browser gets them, in Debian's Chromium driven by playwright-core with its executable path
// (nothing is downloaded at run time; scripts/ensure-chromium.js installs the package before
// `npm test`). One browser per test file, closed in afterAll.

/** Set to 1 to run the suite without the browser tests; they are then skipped, loudly. */
export const SKIP_BROWSER_TESTS = process.env.SKIP_BROWSER_TESTS === '1';

/**
 * `describe`, or under SKIP_BROWSER_TESTS=1 a skipped one with a warning that cannot be missed.
 * Without that variable a missing Chromium is a failure (see launchBrowser), never a silent skip.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (!SKIP_BROWSER_TESTS) {
    describe(name, body);
    return;
  }
  process.stderr.write(
    `\n${'!'.repeat(78)}\n!! SKIP_BROWSER_TESTS=1: "${name}" is SKIPPED.\n` +
      `!! The public pages' accessibility and privacy in a real browser are NOT checked by this run.\n${'!'.repeat(78)}\n\n`,
  );
  describe.skip(name, body);
}

/** Debian's Chromium (or CHROMIUM_PATH's), headless; a clear failure saying how to get one when there is none. */
export async function launchBrowser(): Promise<Browser> {
  const found = findChromium();
  if (!found.path) throw new Error(`The browser tests (e2e/browser) need Chromium: ${found.reason}. ${HOW_TO_INSTALL}`);
  // --no-sandbox: the tests run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: found.path, args: ['--no-sandbox'] });
}

export interface Site {
  t: TestApp;
  /** The application's address, e.g. http://127.0.0.1:41234 (no trailing slash). */
  base: string;
}

/**
 * The real application on a database of its own with the demo registry (every stage of the
 * procedure, some 150 documents of every classification, elections, meetings, hearings), listening
 * on a free port of 127.0.0.1 for the browser.
 */
export async function startSite(): Promise<Site> {
  const t = await startTestApp();
  const loaded = await loadDemoDataIfEmpty(t.app.get(DataSource), t.app.get(CommandRunner), t.app.get(DisputesService), 10);
  if (!loaded) throw new Error('The demo data set was not loaded into the fresh database');
  await addDemoPresent(t.app);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { t, base: `http://127.0.0.1:${port}` };
}

/** A page's path and query as the crawler keys it: the language kept, the fragment dropped. */
export function pathOf(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** The time a browser test's setup may take: the application, the demo registry and the browser on a busy 2-core machine. */
export const SETUP_TIMEOUT = 240_000;
