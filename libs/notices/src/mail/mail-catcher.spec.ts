import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTransport } from 'nodemailer';
import request from 'supertest';
import { MailCatcher, mountMailCatcher } from './mail-catcher';

/** An application with no routes of its own: the catcher's pages are all it serves. */
@Module({})
class NoRoutesModule {}

describe('the local mail catcher', () => {
  it('keeps the mails it receives and lists them at /dev/mail, each with its text and HTML', async () => {
    const catcher = await MailCatcher.start({ port: 0, capacity: 2 });
    const app = await NestFactory.create<NestFastifyApplication>(NoRoutesModule, new FastifyAdapter(), { logger: false });
    try {
      const smtp = createTransport(catcher.smtpUrl);
      for (const n of [1, 2, 3]) {
        await smtp.sendMail({
          from: 'registry@localhost',
          to: 'ayesha@pak.test',
          subject: `Notice <${n}>`,
          text: `text ${n}`,
          html: `<p>html ${n}</p>`,
          messageId: `<n${n}@localhost>`,
          headers: { 'X-Notice-Id': `n${n}` },
        });
      }
      smtp.close();
      // The latest two, newest first.
      expect(catcher.list().map((m) => [m.id, m.subject, m.messageId, m.noticeIds])).toEqual([
        [3, 'Notice <3>', '<n3@localhost>', 'n3'],
        [2, 'Notice <2>', '<n2@localhost>', 'n2'],
      ]);
      mountMailCatcher(app, catcher);
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      const server = app.getHttpServer();
      const list = await request(server).get('/dev/mail').expect(200).expect('content-type', 'text/html; charset=utf-8');
      expect(list.headers['cache-control']).toBe('no-store');
      expect(list.text).toContain('<a href="/dev/mail/3">Notice &lt;3&gt;</a>');
      expect(list.text).not.toContain('Notice <1>');
      expect((await request(server).get('/dev/mail/?x=1').expect(200)).text).toBe(list.text);
      const one = await request(server).get('/dev/mail/3').expect(200);
      expect(one.text).toContain('text 3');
      expect((await request(server).get('/dev/mail/3.html').expect(200)).headers['content-security-policy']).toMatch(/sandbox/);
      expect((await request(server).get('/dev/mail/3.txt').expect(200).expect('content-type', 'text/plain; charset=utf-8')).text).toBe(
        'text 3',
      );
      await request(server).get('/dev/mail/1').expect(404);
      // GET only.
      await request(server).post('/dev/mail').expect(404);
    } finally {
      await app.close();
      await catcher.stop();
    }
  });
});
