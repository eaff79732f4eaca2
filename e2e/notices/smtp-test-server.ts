import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server for the mail tests (smtp-server, the package the mail catcher uses): it keeps
 * what it receives, refuses with 550 any recipient whose address contains "bounce" and, while
 * `tempfail` is set, answers 451 to every recipient.
 */
export class SmtpTestServer {
  readonly received: { envelopeTo: string[]; mail: ParsedMail }[] = [];
  tempfail = false;
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Stopping (the server going down) closes the delivery's pooled connections at once.
      closeTimeout: 100,
      onRcptTo: (address, _session, callback) => {
        if (this.tempfail) return callback(Object.assign(new Error('4.7.1 Greylisted, try again later'), { responseCode: 451 }));
        if (address.address.includes('bounce')) return callback(Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 }));
        callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
