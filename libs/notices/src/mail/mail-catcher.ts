import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { urlPath } from '@app/core';
import { escapeHtml } from './templates';

/** A mail the catcher received. */
export interface CaughtMail {
  id: number;
  /** When the catcher received it (the machine's time: this is a development tool, not the record of service). */
  receivedAt: Date;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  noticeIds: string | null;
}

/**
 * What the pages at /dev/mail read: the catcher itself, or, in an API process of several
 * (WEB_CONCURRENCY), the catcher of the primary through the cluster's channel (apps/api/src/main.ts).
 */
export interface MailView {
  readonly port: number;
  readonly capacity: number;
  list(): readonly CaughtMail[] | Promise<readonly CaughtMail[]>;
  get(id: number): CaughtMail | undefined | Promise<CaughtMail | undefined>;
}

/**
 * The local mail catcher of `npm start` without SMTP_URL (README, "Notices by e-mail"): an SMTP
 * server on 127.0.0.1 that accepts every mail and keeps the last few hundred in memory, so that a
 * newcomer sees the notices the worker sends at `/dev/mail` without a mail server. Never in
 * production.
 */
export class MailCatcher implements MailView {
  private readonly mails: CaughtMail[] = [];
  private nextId = 1;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly capacity: number,
  ) {}

  static async start(options: { port: number; capacity?: number }): Promise<MailCatcher> {
    let catcher: MailCatcher | null = null;
    const server = new SMTPServer({
      // Local only, no TLS and no sign-in: it listens on 127.0.0.1 and keeps mails in memory.
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      banner: 'mail catcher',
      logger: false,
      size: 10 * 1024 * 1024,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            catcher?.keep({
              from: parsed.from?.text ?? '',
              to: (Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to?.text) ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
              messageId: parsed.messageId ?? null,
              noticeIds: (parsed.headers.get('x-notice-id') as string | undefined) ?? null,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    catcher = new MailCatcher(server, address.port, options.capacity ?? 500);
    return catcher;
  }

  /** The SMTP_URL the worker sends through. */
  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private keep(mail: Omit<CaughtMail, 'id' | 'receivedAt'>): void {
    this.mails.unshift({ id: this.nextId++, receivedAt: new Date(), ...mail });
    this.mails.length = Math.min(this.mails.length, this.capacity);
  }

  /** The mails kept, newest first. */
  list(): readonly CaughtMail[] {
    return this.mails;
  }

  get(id: number): CaughtMail | undefined {
    return this.mails.find((m) => m.id === id);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const PAGE_STYLE =
  'body{font-family:system-ui,sans-serif;margin:24px}table{border-collapse:collapse}td,th{padding:4px 12px;text-align:left;border-bottom:1px solid #ddd}';

/** Where the pages are; the catcher's own links name them. */
const MAIL_PATH = '/dev/mail';
const HTML = 'text/html; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';

/**
 * `GET /dev/mail` (the list: time, to, subject) and `GET /dev/mail/:id` (one mail's text and its
 * HTML, shown in a sandboxed frame): mounted only when the catcher runs, as routes of the Fastify
 * instance itself (beside the application's, as the explorer's are: apps/api/src/explorer.ts),
 * before the application is initialised (Fastify takes no route once it is ready). GET only, as
 * before: no HEAD route of Fastify's making.
 */
export function mountMailCatcher(app: NestFastifyApplication, catcher: MailView): void {
  const fastify = app.getHttpAdapter().getInstance();
  const handler = (req: FastifyRequest, reply: FastifyReply) => mailPage(catcher, req, reply);
  fastify.get(MAIL_PATH, { exposeHeadRoute: false }, handler);
  fastify.get(`${MAIL_PATH}/*`, { exposeHeadRoute: false }, handler);
}

async function mailPage(catcher: MailView, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  reply.header('Cache-Control', 'no-store');
  // The path under /dev/mail, as sent (not decoded), without the query and the trailing slashes.
  const path = urlPath(req.url).slice(MAIL_PATH.length).replace(/\/+$/, '');
  if (path === '') {
    const mails = await catcher.list();
    const rows = mails
      .map(
        (m) =>
          `<tr><td>${escapeHtml(m.receivedAt.toISOString())}</td><td>${escapeHtml(m.to)}</td>` +
          `<td><a href="/dev/mail/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td>` +
          `<td><a href="/dev/mail/${m.id}.txt">text</a> · <a href="/dev/mail/${m.id}.html">HTML</a></td></tr>`,
      )
      .join('\n');
    return reply
      .type(HTML)
      .send(
        `<!doctype html><html><head><meta charset="utf-8"><title>Mail catcher</title><style>${PAGE_STYLE}</style></head><body>` +
          `<h1>Mails sent by this instance</h1><p>${mails.length} kept (at most ${catcher.capacity}), newest first. ` +
          `The catcher listens for SMTP on 127.0.0.1:${catcher.port}.</p>` +
          `<table><tr><th>received</th><th>to</th><th>subject</th><th></th></tr>${rows}</table></body></html>`,
      );
  }
  const match = /^\/(\d+)(\.txt|\.html)?$/.exec(path);
  const mail = match ? await catcher.get(Number(match[1])) : undefined;
  if (!match || !mail) {
    return reply.code(404).type(TEXT).send('No such mail (the catcher keeps the latest ones in memory only)');
  }
  if (match[2] === '.txt') {
    return reply.type(TEXT).send(mail.text);
  }
  if (match[2] === '.html') {
    // The mail's own HTML, unable to run scripts or reach this origin.
    reply.header('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return reply.type(HTML).send(mail.html ?? `<pre>${escapeHtml(mail.text)}</pre>`);
  }
  const field = (name: string, value: string | null) => `<tr><th>${name}</th><td>${escapeHtml(value ?? '')}</td></tr>`;
  return reply
    .type(HTML)
    .send(
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title><style>${PAGE_STYLE}</style></head><body>` +
        `<p><a href="/dev/mail">All mails</a></p><table>${field('received', mail.receivedAt.toISOString())}${field('from', mail.from)}` +
        `${field('to', mail.to)}${field('subject', mail.subject)}${field('Message-ID', mail.messageId)}${field('X-Notice-Id', mail.noticeIds)}</table>` +
        `<h2>Text</h2><pre style="white-space:pre-wrap">${escapeHtml(mail.text)}</pre>` +
        `<h2>HTML</h2><iframe sandbox src="/dev/mail/${mail.id}.html" style="width:100%;height:600px;border:1px solid #ccc"></iframe></body></html>`,
    );
}
