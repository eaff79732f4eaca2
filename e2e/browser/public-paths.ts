// The public pages the browser tests check (e2e/browser), one table: each path is loaded in every
// working language, checked with axe-core, and must answer 200 on the demo registry.
// Add a page here when it is served; until then its path stays in NOT_YET_SERVED.

/**
 * Paths (with their query, without `lang`) that answer 200 on the demo registry. Dispute pages: the
 * demo registry's DS1 to DS30 exist (e.g. '/disputes/DS1'); its elections and members are listed by
 * `/elections` and `/members`.
 */
export const PUBLIC_PATHS: string[] = [
  '/',
  '/disputes/DS1',
  '/reports',
  '/roster',
  '/elections',
  '/calendar',
  '/statistics',
  '/members',
  '/members/CHN',
  '/periodic-report',
];

/**
 * Paths the pages already link to (the navigation, the docket's dispute numbers) whose pages are not
 * served yet: a link to one may answer the site's 404 page, and nothing else. A path ending in `/`
 * stands for every path under it. When a page is served, its path moves to PUBLIC_PATHS: the link
 * check fails on a path listed here that answers 200, so that the table is kept up to date.
 */
export const NOT_YET_SERVED: string[] = [];

/** Whether `path` (without query) is one of NOT_YET_SERVED. */
export function notYetServed(path: string): boolean {
  return NOT_YET_SERVED.some((p) => (p.endsWith('/') ? path.startsWith(p) && path.length > p.length : path === p));
}
