import { html } from '../html';
import { href } from '../layout';
import { PageContext, PageSpec } from '../site-pages';
import { FiledIn, disputePath, filedText, localTime, none, notices, pager, table } from './parts';

const QUERY = `query PublicCalendar($first: Int!, $after: String, $from: DateTime!, $language: String) {
  hearings(first: $first, after: $after, filter: { from: $from }) {
    nodes { kind localStart localEnd status room { name location } dispute { docketNumber title(language: $language) language languages } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface CalendarData {
  hearings: {
    nodes: {
      kind: string;
      localStart: string;
      localEnd: string;
      status: string;
      room: { name: string; location: string | null } | null;
      dispute: { docketNumber: string; title: string } & FiledIn;
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const MINUTE_MS = 60_000;

/**
 * The instant the calendar lists the hearings from: the request's minute, not its instant, so that
 * the page depends on the minute alone and is kept in the cache of public answers for that minute
 * (its key holds the variables), invalidated as every page by any command. A hearing that ended
 * within the minute may be listed until the minute is over, never longer; one that ends on a whole
 * minute, as hearings are set, is gone from the minute it ends.
 */
export function calendarFrom(now: Date): Date {
  return new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
}

/**
 * The hearings open to the public that have not ended, by start: the hearings query shows an
 * anonymous reader exactly those every party agreed to open (README, Hearings).
 */
export function calendarPage(now: Date, after: string | null, expired = false): PageSpec<CalendarData> {
  return {
    query: QUERY,
    variables: { first: 50, after, from: calendarFrom(now).toISOString() },
    invalid: () => calendarPage(now, null, true),
    render: ({ data, t, language }: PageContext<CalendarData>) => ({
      title: t('site.nav.calendar'),
      links: { ical: '/calendar/public.ics', atom: '/feeds/hearings.atom' },
      body: html`${notices(expired ? [t('site.pager.expired')] : [])}
        <p>${t('site.calendar.intro')} <a href="/calendar/public.ics">${t('site.calendar.subscribe')}</a></p>
        ${
          data.hearings.nodes.length
            ? table(
                t('site.calendar.caption'),
                [t('site.hearing.when'), t('site.calendar.dispute'), t('site.hearing.kind'), t('site.hearing.where')],
                data.hearings.nodes.map((h) => [
                  `${localTime(language, h.localStart)} – ${localTime(language, h.localEnd)}`,
                  html`<a href="${href(language, disputePath(h.dispute.docketNumber))}">${h.dispute.docketNumber}: ${filedText(language, h.dispute.title, h.dispute)}</a>`,
                  t(`site.hearing.${h.kind}`),
                  h.room ? [h.room.name, h.room.location].filter(Boolean).join(', ') : t('site.hearing.virtual'),
                ]),
              )
            : none(t('site.calendar.empty'))
        }
        ${pager(t, '/calendar', {}, data.hearings.pageInfo, expired ? null : after)}`,
    }),
  };
}
