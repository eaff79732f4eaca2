import { LANGUAGES, LANGUAGE_NAMES, Language, Translator, direction, languageTag } from '@app/i18n';
import { Html, HtmlValue, html, queryString } from './html';

/** The sections of the public site, in the order of its navigation. */
export const SECTIONS = [
  { path: '/', key: 'site.nav.docket' },
  { path: '/reports', key: 'site.nav.reports' },
  { path: '/roster', key: 'site.nav.roster' },
  { path: '/elections', key: 'site.nav.elections' },
  { path: '/calendar', key: 'site.nav.calendar' },
  { path: '/statistics', key: 'site.nav.statistics' },
  { path: '/members', key: 'site.nav.members' },
  { path: '/periodic-report', key: 'site.nav.periodicReport' },
] as const;

export interface PageLinks {
  /** The page's data as JSON: the same GraphQL query the page renders (see SitePages). */
  json?: string;
  /** An Atom feed of what the page lists. */
  atom?: string;
  /** An iCalendar feed of what the page lists. */
  ical?: string;
}

export interface PageContent {
  /** The page's title, without the site's name. */
  title: string;
  /** The page's heading when it holds marked-up text (a title in another language than the page's): `title` otherwise. */
  heading?: HtmlValue;
  body: HtmlValue;
  links?: PageLinks;
}

export interface PageFrame {
  t: Translator;
  /** The request's path and query (without `lang`): the language switcher keeps both. */
  path: string;
  query: Record<string, string>;
  /** A language asked for that is not a working language: the page says it fell back. */
  unavailable: string | null;
}

function sameSection(path: string, section: string): boolean {
  return section === '/' ? path === '/' || path.startsWith('/disputes') : path === section || path.startsWith(`${section}/`);
}

/** A link to a site path in the page's language (the language travels in `?lang=`, so links are stable and shareable). */
export function href(language: Language, path: string, params: Record<string, string | number | null | undefined> = {}): string {
  return `${path}${queryString({ ...params, lang: language })}`;
}

/**
 * The whole document: `lang` and `dir` from the language (Arabic right to left), a skip link,
 * the navigation, the language switcher, the page, and the links to its data and feeds. WCAG 2.1 AA:
 * landmarks, one h1, visible focus, link text that says where it goes (README, Public pages).
 */
export function layout(frame: PageFrame, content: PageContent): Html {
  const { t } = frame;
  const language = t.language;
  const links = content.links ?? {};
  return html`<!doctype html>
    <html lang="${languageTag(language)}" dir="${direction(language)}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${content.title} · ${t('site.name')}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        ${links.atom ? html`<link rel="alternate" type="application/atom+xml" href="${links.atom}" title="${t('site.links.atom')}" />` : null}
        ${links.json ? html`<link rel="alternate" type="application/json" href="${links.json}" title="${t('site.links.json')}" />` : null}
        ${LANGUAGES.filter((l) => l !== language).map(
          (l) =>
            html`<link rel="alternate" hreflang="${languageTag(l)}" href="${frame.path}${queryString({ ...frame.query, lang: l })}" />`,
        )}
      </head>
      <body>
        <a class="skip" href="#main">${t('site.skip')}</a>
        <header class="site">
          <p class="site-name"><a href="${href(language, '/')}">${t('site.name')}</a></p>
          <nav aria-label="${t('site.nav.label')}">
            <ul>
              ${SECTIONS.map(
                (s) =>
                  html`<li>
                    <a href="${href(language, s.path)}" ${sameSection(frame.path, s.path) ? html` aria-current="page"` : null}
                      >${t(s.key)}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
          <nav class="languages" aria-label="${t('site.languages')}">
            <ul>
              ${LANGUAGES.map(
                (l) =>
                  html`<li>
                    <a
                      href="${frame.path}${queryString({ ...frame.query, lang: l })}"
                      lang="${languageTag(l)}"
                      hreflang="${languageTag(l)}"
                      ${l === language ? html` aria-current="true"` : null}
                      >${LANGUAGE_NAMES[l]}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          ${frame.unavailable ? html`<p class="notice" role="status">${t('common.languageUnavailable', { requested: frame.unavailable })}</p>` : null}
          <h1>${content.heading ?? content.title}</h1>
          ${content.body}
        </main>
        <footer class="site">
          <ul>
            ${links.json ? html`<li><a href="${links.json}">${t('site.links.json')}</a></li>` : null}
            ${links.atom ? html`<li><a href="${links.atom}">${t('site.links.atom')}</a></li>` : null}
            ${links.ical ? html`<li><a href="${links.ical}">${t('site.links.ical')}</a></li>` : null}
            <li><a href="/graphql">${t('site.links.api')}</a></li>
          </ul>
          <p>${t('site.footer')}</p>
        </footer>
      </body>
    </html> `;
}
