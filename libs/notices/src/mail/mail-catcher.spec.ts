import express from 'express';
import type { INestApplication } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import request from 'supertest';
import { MailCatcher, mountMailCatcher } from './mail-catcher';

describe('the local mail catcher', () => {
  it('keeps the mails it receives and lists them at /dev/mail, each with its text and HTML', async () => {
    const catcher = await MailCatcher.start({ port: 0, capacity: 2 });
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
      const app = express();
      mountMailCatcher(app as unknown as INestApplication, catcher);
      const list = await request(app).get('/dev/mail').expect(200);
      expect(list.text).toContain('<a href="/dev/mail/3">Notice &lt;3&gt;</a>');
      expect(list.text).not.toContain('Notice <1>');
      const one = await request(app).get('/dev/mail/3').expect(200);
      expect(one.text).toContain('text 3');
      expect((await request(app).get('/dev/mail/3.html').expect(200)).headers['content-security-policy']).toMatch(/sandbox/);
      expect((await request(app).get('/dev/mail/3.txt').expect(200)).text).toBe('text 3');
      await request(app).get('/dev/mail/1').expect(404);
    } finally {
      await catcher.stop();
    }
  });
});
