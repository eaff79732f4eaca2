import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LANGUAGES, direction, languageTag } from '@app/i18n';
import { SETUP_TIMEOUT, Site, describeInBrowser, launchBrowser, pathOf, startSite } from './harness';
import { PUBLIC_PATHS, notYetServed } from './public-paths';

/** WCAG 2.0 and 2.1, levels A and AA (issue 17): the rules axe-core runs. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; summary: string }[];
}

/** axe-core in the page (its source evaluated through the debugging protocol, which the pages' CSP does not govern). */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axe.source);
  // A string, not a function: the page's globals (window, document) are not in this project's types.
  return page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, summary: n.failureSummary || '' })),
    })))`);
}

/** The violations, readably: rule, impact, what it asks, and each element with why. */
function describeViolations(where: string, violations: Violation[]): string {
  return [
    `${where}: ${violations.length} serious or critical accessibility violation(s)`,
    ...violations.map((v) =>
      [
        `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes
          .slice(0, 5)
          .map((n) => `    at ${n.target.join(' ')}: ${n.html.slice(0, 160)}\n      ${n.summary.replace(/\n/g, '\n      ')}`),
        ...(v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : []),
      ].join('\n'),
    ),
  ].join('\n');
}

/** The focused element's outline, and the colours behind it just outside the element, where the ring is drawn. */
interface FocusRing {
  key: string;
  style: string;
  width: number;
  color: string;
  around: string[];
}
const FOCUS_RING = `(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  const s = getComputedStyle(a), r = a.getBoundingClientRect();
  const width = parseFloat(s.outlineWidth) || 0, d = (parseFloat(s.outlineOffset) || 0) + width / 2;
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      const parts = c.slice(c.indexOf('(') + 1, -1).split(',');
      if (c !== 'transparent' && (parts.length < 4 || parseFloat(parts[3]) > 0)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const points = [[r.left - d, r.top + r.height / 2], [r.right + d, r.top + r.height / 2], [r.left + r.width / 2, r.top - d], [r.left + r.width / 2, r.bottom + d]]
    .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
  const around = points.map(([x, y]) => background(document.elementsFromPoint(x, y).find((e) => e !== a && !a.contains(e)) || null));
  const key = a.tagName + ' ' + (a.getAttribute('name') || a.id || '') + ' ' + (a.getAttribute('href') || '') + ' ' + a.textContent.trim().slice(0, 30);
  return { key, style: s.outlineStyle, width, color: s.outlineColor, around };
})()`;

/** WCAG 2.1's contrast ratio of two CSS colours given as rgb(). */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((x) => Number(x) / 255);
    const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [dark, light] = [luminance(a), luminance(b)].sort((x, y) => x - y);
  return (light + 0.05) / (dark + 0.05);
}

const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
/** An address whose page is the site's 404 once dispute pages are served (no DS999999 in the demo registry). */
const ABSENT_DISPUTE = '/disputes/DS999999';

describeInBrowser('public pages in Chromium: accessibility (WCAG 2.1 AA), keyboard, links', () => {
  let site: Site;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
    site = await startSite();
    context = await browser.newContext({ baseURL: site.base });
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.t.close();
  });

  const open = async (path: string): Promise<{ page: Page; status: number }> => {
    const page = await context.newPage();
    const response = await page.goto(path);
    if (!response) throw new Error(`${path}: no response`);
    return { page, status: response.status() };
  };
  const seriousViolations = async (page: Page, where: string): Promise<void> => {
    const serious = (await axeViolations(page)).filter((v) => v.impact && FAILING_IMPACTS.has(v.impact));
    if (serious.length) throw new Error(describeViolations(where, serious));
  };

  describe.each(PUBLIC_PATHS)('%s', (path) => {
    it.each([...LANGUAGES])('in %s: lang and dir on <html>, and axe-core finds no serious violation', async (lang) => {
      const { page, status } = await open(withLang(path, lang));
      try {
        expect(status).toBe(200);
        const root = await page.evaluate(`[document.documentElement.lang, document.documentElement.dir]`);
        expect(root).toEqual([languageTag(lang), direction(lang)]);
        if (lang === 'ar') expect(root).toEqual(['ar', 'rtl']);
        await seriousViolations(page, `${path} in ${lang}`);
      } finally {
        await page.close();
      }
    });
  });

  it.each(['en', 'ar'] as const)(
    'an absent dispute in %s is a 404, the site’s own accessible 404 page once dispute pages are served',
    async (lang) => {
      const { page, status } = await open(withLang(ABSENT_DISPUTE, lang));
      try {
        expect(status).toBe(404);
        // Until then (e2e/browser/public-paths.ts, NOT_YET_SERVED) the framework's 404 answers.
        if (notYetServed('/disputes/DS999999')) return;
        expect(await page.evaluate('[document.documentElement.lang, document.documentElement.dir]')).toEqual([
          languageTag(lang),
          direction(lang),
        ]);
        expect(await page.evaluate(`document.querySelectorAll('main h1').length`)).toBe(1);
        await seriousViolations(page, `the 404 page in ${lang}`);
      } finally {
        await page.close();
      }
    },
  );

  it.each(['en', 'ar'])(
    'keyboard in %s: Tab reaches the skip link first, visibly, and Enter on it moves focus to the main content',
    async (lang) => {
      const { page } = await open(withLang('/', lang));
      try {
        await page.keyboard.press('Tab');
        const focused = (await page.evaluate(`(() => {
        const a = document.activeElement, r = a.getBoundingClientRect(), s = getComputedStyle(a);
        return { tag: a.tagName, href: a.getAttribute('href'), cls: a.className, text: a.textContent.trim(),
          visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
      })()`)) as { tag: string; href: string; cls: string; text: string; visible: boolean; outline: boolean };
        expect(focused).toMatchObject({ tag: 'A', href: '#main', cls: 'skip', visible: true, outline: true });
        expect(focused.text.length).toBeGreaterThan(0);
        await page.keyboard.press('Enter');
        expect(await page.evaluate('document.activeElement.id')).toBe('main');
        expect(await page.evaluate('location.hash')).toBe('#main');
        // The next Tab goes on from the main content, not back to the top of the page.
        await page.keyboard.press('Tab');
        const main = `document.getElementById('main')`;
        expect(
          await page.evaluate(
            `${main}.contains(document.activeElement) || !!(${main}.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)`,
          ),
        ).toBe(true);
      } finally {
        await page.close();
      }
    },
  );

  it.each(['en', 'ar'])(
    'keyboard in %s: every element Tab reaches shows a focus ring of 2 px or more, at 3:1 against what surrounds it',
    async (lang) => {
      const { page } = await open(withLang('/', lang));
      try {
        const rings: FocusRing[] = [];
        for (let i = 0; i < 200; i++) {
          await page.keyboard.press('Tab');
          const ring = (await page.evaluate(FOCUS_RING)) as FocusRing | null;
          if (!ring || rings.some((r) => r.key === ring.key)) break;
          rings.push(ring);
        }
        // The skip link, the site's name, eight sections, six languages, the disputes, the footer's links.
        expect(rings.length).toBeGreaterThanOrEqual(20);
        const weak = rings
          .map((r) => ({ ...r, contrast: Math.min(...r.around.map((bg) => contrast(r.color, bg))) }))
          .filter((r) => r.style === 'none' || r.width < 2 || r.around.length === 0 || r.contrast < 3)
          .map((r) => `${r.key}: outline ${r.style} ${r.width}px ${r.color}, ${r.contrast.toFixed(2)}:1 against ${r.around.join(' / ')}`);
        expect(weak).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );

  it.each([...LANGUAGES])('every same-site link of the docket in %s works (no 5xx; no 404 but the pages not served yet)', async (lang) => {
    const { page } = await open(withLang('/', lang));
    let hrefs: string[];
    try {
      hrefs = (await page.evaluate(`[...document.querySelectorAll('a[href], link[href]')].map((a) => a.href)`)) as string[];
    } finally {
      await page.close();
    }
    const links = [
      ...new Set(
        hrefs
          .map((h) => new URL(h))
          .filter((u) => u.origin === site.base)
          .map(pathOf),
      ),
    ];
    // The navigation, the language switcher, the page's data, the stylesheet and the disputes.
    expect(links.length).toBeGreaterThanOrEqual(20);
    const broken: string[] = [];
    const servedNow: string[] = [];
    for (const link of links) {
      // As a browser follows it (the explorer at /graphql answers its page to a browser's Accept).
      const res = await context.request.get(link, { maxRedirects: 5, headers: { accept: 'text/html,*/*;q=0.8' } });
      if (notYetServed(new URL(link, site.base).pathname)) {
        if (res.status() === 200) servedNow.push(link);
        else if (res.status() !== 404) broken.push(`${link}: ${res.status()}`);
      } else if (res.status() !== 200) broken.push(`${link}: ${res.status()}`);
    }
    expect(broken).toEqual([]);
    // A page is served now: move its path from NOT_YET_SERVED to PUBLIC_PATHS (e2e/browser/public-paths.ts).
    expect(servedNow).toEqual([]);
  });
});
