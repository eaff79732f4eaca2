import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { createTransport, type Transporter } from 'nodemailer';

/** A mail ready to go: the headers that make it recognisable again (Message-ID, X-Notice-Id) included. */
export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The notice ids it carries, comma-separated in the `X-Notice-Id` header. */
  noticeIds: readonly string[];
}

/** The mail server's answer to a mail it accepted. */
export interface SentMail {
  messageId: string;
  response: string;
}

/**
 * Where the worker hands the notices' mails (README, "Notices by e-mail"). Throws what the server
 * answered when it refuses (nodemailer's errors: `code`, `responseCode`, `response`).
 */
export abstract class MailTransport {
  /** False when no mail server is configured: notices are then kept, not mailed. */
  abstract readonly configured: boolean;
  abstract send(mail: OutgoingMail): Promise<SentMail>;
}

/** The host part of Message-IDs: the domain of MAIL_FROM. */
export function mailDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split('@')[1]?.trim() || 'localhost';
}

/** SMTP through nodemailer, from SMTP_URL: a small pool of connections, reused across the worker's sweeps. */
@Injectable()
export class SmtpMailTransport extends MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private transporter: Transporter | null = null;
  readonly configured: boolean;

  constructor(private readonly config: AppConfig) {
    super();
    this.configured = !!config.SMTP_URL;
  }

  private get smtp(): Transporter {
    if (!this.config.SMTP_URL) throw Object.assign(new Error('SMTP_URL is not set'), { code: 'ECONNECTION' });
    this.transporter ??= createTransport({
      url: this.config.SMTP_URL,
      // A few connections, each reused for many mails: the delivery sends a batch at a time.
      pool: true,
      maxConnections: 3,
      maxMessages: 500,
      // Bounded waits: a server that does not answer must not hold the worker's sweep.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return this.transporter;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.smtp.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: { 'X-Notice-Id': mail.noticeIds.join(', ') },
    });
    return { messageId: info.messageId ?? mail.messageId, response: String(info.response ?? '') };
  }

  onModuleDestroy(): void {
    this.transporter?.close();
    this.transporter = null;
    this.logger.debug('SMTP pool closed');
  }
}
