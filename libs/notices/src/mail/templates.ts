import { createHash } from 'node:crypto';
import { direction, languageTag, type Language } from '@app/i18n';
import type { NoticeCategory } from '../notices/notice.entity';
import { noticeLanguage, noticeText } from '../notices/notice-language';

/**
 * The mails of the notices, in plain text and in HTML, from the payload every notice carries
 * (README, "Notices by e-mail"): a subject, paragraphs (written in the recipient's language when the
 * notice was), the documents the recipient may see and named dates, which a line refers to as
 * `{name}` and which are shown in the recipient's time zone and language. The mail's own words
 * (footer, headings, digest) are the `notices` catalogue's, in the recipient's language
 * (`locale`, English when none). Pure functions: no clock, no database.
 */

/** Who a mail goes to, in which language and zone (their preferences, else English and the body's zone). */
export interface MailRecipient {
  email: string;
  displayName: string;
  timeZone: string;
  locale: string;
}

/** What the templates read of a notice. */
export interface MailNotice {
  id: string;
  category: NoticeCategory;
  kind: string;
  mandatory: boolean;
  payload: Record<string, unknown>;
}

export interface MailSettings {
  /** The base of links: PUBLIC_URL or http://localhost:PORT, without a trailing slash. */
  publicUrl: string;
  /** The host part of Message-IDs (the domain of MAIL_FROM). */
  messageIdHost: string;
  /** Written in a training sandbox (SANDBOX=true): every mail says so (README, "Training sandbox"). */
  sandbox?: boolean;
}

/** The first line of every mail of a training sandbox (in English; `notices.sandboxBanner` in the recipient's language). */
export const SANDBOX_MAIL_BANNER = 'TRAINING SANDBOX: this notice was written in a training sandbox; nothing in it is a real case.';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface PayloadDocument {
  id: string;
  title: string;
  classification: string;
}

const MAX_LINES = 50;
const MAX_DOCUMENTS = 50;

/** The payload contract, read defensively: a malformed field is left out rather than failing the mail. */
function readPayload(notice: MailNotice, language: Language) {
  const p = notice.payload ?? {};
  const subject =
    typeof p.subject === 'string' && p.subject.trim() ? p.subject.trim() : noticeText(language)('defaultSubject', { kind: notice.kind });
  const lines = Array.isArray(p.lines) ? p.lines.filter((l): l is string => typeof l === 'string').slice(0, MAX_LINES) : [];
  const documents = Array.isArray(p.documents)
    ? (p.documents as unknown[])
        .filter((d): d is PayloadDocument => {
          const doc = d as Partial<PayloadDocument> | null;
          return !!doc && typeof doc.id === 'string' && typeof doc.title === 'string' && typeof doc.classification === 'string';
        })
        .slice(0, MAX_DOCUMENTS)
    : [];
  const dates: Record<string, string> =
    p.dates && typeof p.dates === 'object' && !Array.isArray(p.dates)
      ? Object.fromEntries(
          Object.entries(p.dates as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
        )
      : {};
  const docketNumber = typeof p.docketNumber === 'string' ? p.docketNumber : null;
  return { subject, lines, documents, dates, docketNumber };
}

/**
 * An instant in the recipient's zone and language, naming the zone: "12 March 2026 at 17:00
 * (Asia/Shanghai)". The long date (not @app/i18n's medium `formatInstant`): a date of service or of
 * a hearing is read in full, as the English mails always showed it.
 */
export function formatInstant(iso: string, recipient: Pick<MailRecipient, 'timeZone' | 'locale'>): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const language = noticeLanguage(recipient.locale);
  const t = noticeText(language);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(languageTag(language), { dateStyle: 'long', timeStyle: 'short', timeZone: recipient.timeZone });
  } catch {
    format = new Intl.DateTimeFormat(languageTag(language), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
    return t('instant', { date: format.format(date), zone: 'UTC' });
  }
  return t('instant', { date: format.format(date), zone: recipient.timeZone });
}

/** A line with its `{name}` placeholders replaced by the dates they name; unknown names stay as written. */
export function fillDates(line: string, dates: Record<string, string>, recipient: Pick<MailRecipient, 'timeZone' | 'locale'>): string {
  return line.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(dates, name) ? formatInstant(dates[name], recipient) : whole,
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The download route of a document (libs/registry/src/documents/documents.controller.ts). */
export function documentUrl(publicUrl: string, documentId: string): string {
  return `${publicUrl}/documents/${encodeURIComponent(documentId)}/content`;
}

/**
 * The Message-ID of a notice's mail, made from its id, so that a mail sent again after a crash is
 * recognisably the same one; a digest's, from the ids of the notices it gathers.
 */
export function messageIdFor(noticeIds: readonly string[], host: string): string {
  if (noticeIds.length === 1) return `<${noticeIds[0]}@${host}>`;
  const digest = createHash('sha256')
    .update([...noticeIds].sort().join(','))
    .digest('hex')
    .slice(0, 32);
  return `<digest.${digest}@${host}>`;
}

function why(notice: MailNotice, recipient: MailRecipient): string {
  const t = noticeText(noticeLanguage(recipient.locale));
  const whom = t('whom', { name: recipient.displayName, email: recipient.email });
  // The category by its code: it is what the preferences (`emailOff`) take, in every language.
  return notice.mandatory ? `${whom} ${t('mandatory')}` : `${whom} ${t('optional', { category: notice.category })}`;
}

interface Section {
  language: Language;
  subject: string;
  docketNumber: string | null;
  lines: string[];
  documents: { title: string; classification: string; url: string }[];
}

function section(notice: MailNotice, recipient: MailRecipient, settings: MailSettings): Section {
  const language = noticeLanguage(recipient.locale);
  const t = noticeText(language);
  const p = readPayload(notice, language);
  return {
    language,
    subject: p.subject,
    docketNumber: p.docketNumber,
    lines: p.lines.map((line) => fillDates(line, p.dates, recipient)),
    documents: p.documents.map((d) => ({
      title: d.title,
      classification: t('classification', { classification: d.classification }),
      url: documentUrl(settings.publicUrl, d.id),
    })),
  };
}

function sectionText(s: Section, heading: boolean): string {
  const parts: string[] = [];
  if (heading) parts.push(s.subject, '-'.repeat(Math.min(s.subject.length, 72)));
  parts.push(...s.lines);
  const documents = noticeText(s.language)('documentsText');
  if (s.documents.length) {
    parts.push(documents);
    for (const d of s.documents) parts.push(`  - ${d.title} (${d.classification}): ${d.url}`);
  }
  return parts
    .join('\n\n')
    .replace(`\n\n${documents}\n\n`, `\n\n${documents}\n`)
    .replace(/\n\n {2}- /g, '\n  - ');
}

function sectionHtml(s: Section, heading: boolean): string {
  const parts: string[] = [];
  if (heading) parts.push(`<h2 style="font-size:16px;margin:24px 0 8px">${escapeHtml(s.subject)}</h2>`);
  for (const line of s.lines) parts.push(`<p style="margin:0 0 12px">${escapeHtml(line)}</p>`);
  if (s.documents.length) {
    const heading = escapeHtml(noticeText(s.language)('documentsHeading'));
    parts.push(`<p style="margin:0 0 4px"><strong>${heading}</strong></p><ul style="margin:0 0 12px">`);
    for (const d of s.documents) {
      parts.push(`<li><a href="${escapeHtml(d.url)}">${escapeHtml(d.title)}</a> (${escapeHtml(d.classification)})</li>`);
    }
    parts.push('</ul>');
  }
  return parts.join('\n');
}

function layout(language: Language, title: string, body: string, footer: string, sandbox = false): string {
  // The language and its direction on the root: a mail client lays Arabic out right to left.
  return [
    '<!doctype html>',
    `<html lang="${languageTag(language)}" dir="${direction(language)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:Georgia,serif;font-size:15px;line-height:1.5;color:#1b1b1b;max-width:640px;margin:0 auto;padding:16px">',
    ...(sandbox
      ? [
          `<p style="background:#fde68a;padding:8px;margin:0 0 16px"><strong>${escapeHtml(noticeText(language)('sandboxBanner'))}</strong></p>`,
        ]
      : []),
    `<h1 style="font-size:18px;margin:0 0 16px">${escapeHtml(title)}</h1>`,
    body,
    `<hr style="border:0;border-top:1px solid #ccc;margin:24px 0 8px"><p style="font-size:12px;color:#555">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
}

// A sandbox's mail: the subject and the first line of the text say so (the HTML's layout too).
function marked(mail: RenderedMail, settings: MailSettings, language: Language): RenderedMail {
  if (!settings.sandbox) return mail;
  const t = noticeText(language);
  return { subject: `${t('sandboxTag')} ${mail.subject}`, text: `${t('sandboxBanner')}\n\n${mail.text}`, html: mail.html };
}

/** One notice's mail. */
export function renderNotice(notice: MailNotice, recipient: MailRecipient, settings: MailSettings): RenderedMail {
  const s = section(notice, recipient, settings);
  const subject = s.docketNumber && !s.subject.includes(s.docketNumber) ? `${s.docketNumber}: ${s.subject}` : s.subject;
  const footer = why(notice, recipient);
  return marked(
    {
      subject,
      text: `${subject}\n\n${sectionText(s, false)}\n\n-- \n${footer}\n`,
      html: layout(s.language, subject, sectionHtml(s, false), footer, settings.sandbox),
    },
    settings,
    s.language,
  );
}

/** A daily digest: the recipient's non-mandatory notices gathered in one mail, oldest first. */
export function renderDigest(notices: readonly MailNotice[], recipient: MailRecipient, settings: MailSettings): RenderedMail {
  const language = noticeLanguage(recipient.locale);
  const t = noticeText(language);
  const sections = notices.map((n) => section(n, recipient, settings));
  const subject = t('digestSubject', { count: notices.length });
  const footer = t('digestFooter', { name: recipient.displayName, email: recipient.email });
  return marked(
    {
      subject,
      text: `${subject}\n\n${sections.map((s) => sectionText(s, true)).join('\n\n\n')}\n\n-- \n${footer}\n`,
      html: layout(language, subject, sections.map((s) => sectionHtml(s, true)).join('\n'), footer, settings.sandbox),
    },
    settings,
    language,
  );
}
