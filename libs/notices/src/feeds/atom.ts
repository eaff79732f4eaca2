/**
 * A pure Atom 1.0 (RFC 4287) builder: the public feeds of the docket (this lib), of the adopted
 * reports (libs/rulings) and of the public hearings (libs/hearings) are made with it. It knows no
 * policy: its callers give it only what the public may read.
 */

export interface AtomLink {
  href: string;
  /** `alternate` when left out (RFC 4287 §4.2.7.2). */
  rel?: 'alternate' | 'self' | 'related' | 'enclosure' | 'via';
  type?: string;
  title?: string;
}

export interface AtomEntry {
  /** A UUID (made into `urn:uuid:…`) or an absolute IRI; never changes for the same entry. */
  id: string;
  title: string;
  updated: Date;
  published?: Date;
  /** The entry's main link (rel=alternate). */
  link: string;
  /** More links: the public documents of a docket entry (rel=enclosure), … */
  links?: readonly AtomLink[];
  /** Plain text (content type=text). */
  content: string;
  categories?: readonly string[];
}

export interface AtomFeed {
  /** A UUID (made into `urn:uuid:…`) or an absolute IRI. */
  id: string;
  title: string;
  subtitle?: string;
  /** The last time the feed changed; with no entries, when it was made. */
  updated: Date;
  author: { name: string; uri?: string };
  /** The feed's own address (rel=self), absolute. */
  self: string;
  /** A page the feed is about (rel=alternate), if any. */
  alternate?: string;
  entries: readonly AtomEntry[];
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `urn:uuid:…` for a UUID (RFC 4122 §3), the IRI itself otherwise. */
export function atomId(id: string): string {
  return UUID.test(id) ? `urn:uuid:${id.toLowerCase()}` : id;
}

/**
 * Text as XML character data or an attribute value: the five predefined entities escaped, and the
 * characters XML 1.0 does not allow at all (C0 controls but tab, line feed and carriage return,
 * lone surrogates, U+FFFE and U+FFFF) dropped, since no escape makes them well-formed.
 */
export function escapeXml(text: string): string {
  return text
    .replace(
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML forbids
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '',
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** RFC 3339 date-time, in UTC (RFC 4287 §3.3). */
const dateTime = (date: Date) => date.toISOString();

function link(l: AtomLink): string {
  const attributes = [`href="${escapeXml(l.href)}"`];
  if (l.rel) attributes.push(`rel="${l.rel}"`);
  if (l.type) attributes.push(`type="${escapeXml(l.type)}"`);
  if (l.title) attributes.push(`title="${escapeXml(l.title)}"`);
  return `<link ${attributes.join(' ')}/>`;
}

function entry(e: AtomEntry): string[] {
  return [
    '  <entry>',
    `    <id>${escapeXml(atomId(e.id))}</id>`,
    `    <title type="text">${escapeXml(e.title)}</title>`,
    `    <updated>${dateTime(e.updated)}</updated>`,
    ...(e.published ? [`    <published>${dateTime(e.published)}</published>`] : []),
    `    ${link({ href: e.link, rel: 'alternate' })}`,
    ...(e.links ?? []).map((l) => `    ${link(l)}`),
    ...(e.categories ?? []).map((c) => `    <category term="${escapeXml(c)}"/>`),
    `    <content type="text">${escapeXml(e.content)}</content>`,
    '  </entry>',
  ];
}

// Whether this process serves a training sandbox (README, "Training sandbox"): set once at
// start-up from SANDBOX (DocketFeedsService), as the body's time zone is, so that every feed, the
// hearings' and the reports' included, says so in its title whoever builds it.
let sandboxFeeds = false;

/** Marks every feed this process builds as a training sandbox's (or not). */
export function markFeedsAsSandbox(sandbox: boolean): void {
  sandboxFeeds = sandbox;
}

/** The prefix of a sandbox feed's title. */
export const SANDBOX_FEED_PREFIX = '[TRAINING SANDBOX] ';

/** The feed as an XML document (UTF-8), entries in the order given. */
export function buildAtom(feed: AtomFeed): string {
  if (sandboxFeeds) {
    feed = {
      ...feed,
      title: `${SANDBOX_FEED_PREFIX}${feed.title}`,
      subtitle: `A training sandbox: nothing here is a real case.${feed.subtitle ? ` ${feed.subtitle}` : ''}`,
    };
  }
  const author = [
    `    <name>${escapeXml(feed.author.name)}</name>`,
    ...(feed.author.uri ? [`    <uri>${escapeXml(feed.author.uri)}</uri>`] : []),
  ];
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(atomId(feed.id))}</id>`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${dateTime(feed.updated)}</updated>`,
    '  <author>',
    ...author,
    '  </author>',
    `  ${link({ href: feed.self, rel: 'self', type: 'application/atom+xml' })}`,
    ...(feed.alternate ? [`  ${link({ href: feed.alternate, rel: 'alternate' })}`] : []),
    ...feed.entries.flatMap(entry),
    '</feed>',
    '',
  ].join('\n');
}

/**
 * The base of absolute links, from the request that asked for the feed: the protocol as Fastify
 * reads it (X-Forwarded-Proto only from TRUSTED_PROXIES, its trustProxy) and the Host header.
 */
export function feedBase(request: { protocol: string; headers: { host?: string } }): string {
  // A Host header is the client's to write: one that is no host name or address is not echoed
  // into a feed that caches keep.
  const host = request.headers.host ?? '';
  return `${request.protocol === 'https' ? 'https' : 'http'}://${/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : 'localhost'}`;
}
