import { UserEntity } from '@app/core';
import { NoticeDelivery, NoticeEntity } from '@app/notices';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';
import { SmtpTestServer } from './smtp-test-server';

const MINUTE = 60_000;

describe('notices by e-mail: delivery through a real SMTP server', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let delivery: NoticeDelivery;
  let delegate: UserEntity;
  let sec: UserEntity;

  const insert = async (recipient: UserEntity, over: Partial<NoticeEntity> = {}): Promise<NoticeEntity> => {
    const repo = t.db.getRepository(NoticeEntity);
    return repo.save(
      repo.create({
        recipientUserId: recipient.id,
        disputeId: null,
        docketEntryId: null,
        category: 'FILING',
        kind: 'fileDocument',
        mandatory: true,
        digest: false,
        payload: {
          subject: 'China filed its first written submission',
          docketNumber: 'DS4',
          lines: ['China filed <its> first written submission on {filedAt}.'],
          dates: { filedAt: '2026-03-02T09:00:00.000Z' },
          documents: [{ id: '00000000-0000-4000-8000-00000000000a', title: 'First written submission', classification: 'RESTRICTED' }],
        },
        createdAt: t.clock.now(),
        nextAttemptAt: t.clock.now(),
        ...over,
      }),
    );
  };
  const reload = (id: string) => t.db.getRepository(NoticeEntity).findOneByOrFail({ id });
  const mailsTo = (address: string) => smtp.received.filter((r) => r.envelopeTo.includes(address));

  beforeAll(async () => {
    smtp = await new SmtpTestServer().start();
    t = await startTestApp({
      start: '2026-03-02T09:00:00Z',
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Registry <registry@dsb.test>',
        PUBLIC_URL: 'https://dsb.test',
        BODY_TIME_ZONE: 'Europe/Zurich',
      },
    });
    delivery = t.app.get(NoticeDelivery);
    delegate = await createUser(t.db, { role: 'SECRETARIAT', displayName: 'Ayesha Khan', email: 'ayesha@pak.test' });
    sec = await createUser(t.db, { role: 'SECRETARIAT', displayName: 'Registrar' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('mails a notice in text and HTML to its recipient, with a Message-ID made from the notice id, and records the date of service once', async () => {
    const notice = await insert(delegate);
    t.clock.set('2026-03-02T09:00:30Z');
    expect(await delivery.deliverDue()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    const [got] = mailsTo('ayesha@pak.test');
    expect(got.mail.messageId).toBe(`<${notice.id}@dsb.test>`);
    expect(got.mail.headers.get('x-notice-id')).toBe(notice.id);
    expect(got.mail.from?.value).toEqual([{ name: 'Registry', address: 'registry@dsb.test' }]);
    expect(got.mail.to).toMatchObject({ value: [{ name: 'Ayesha Khan', address: 'ayesha@pak.test' }] });
    expect(got.mail.subject).toBe('DS4: China filed its first written submission');
    // The date in the body's zone (no preference), the document's link on the public URL, the escaped HTML.
    expect(got.mail.text).toContain('China filed <its> first written submission on March 2, 2026 at 10:00 AM (Europe/Zurich).');
    expect(got.mail.text).toContain('https://dsb.test/documents/00000000-0000-4000-8000-00000000000a/content');
    expect(got.mail.html).toContain('China filed &lt;its&gt; first written submission');
    expect(got.mail.html).toContain('href="https://dsb.test/documents/00000000-0000-4000-8000-00000000000a/content"');
    expect(got.mail.text).toMatch(/mandatory service notice/);
    const saved = await reload(notice.id);
    expect(saved).toMatchObject({
      sentAt: new Date('2026-03-02T09:00:30Z'),
      messageId: `<${notice.id}@dsb.test>`,
      attempts: 1,
      failedAt: null,
    });
    // Served once: another sweep sends nothing.
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(mailsTo('ayesha@pak.test')).toHaveLength(1);
    const [audit] = await t.db.query(`SELECT details FROM audit_log WHERE operation = 'deliverNotices' ORDER BY seq DESC LIMIT 1`);
    expect(audit.details.served).toEqual([notice.id]);
  });

  it('keeps the notices while the server is down, backs off, and delivers each exactly once when it is back', async () => {
    const before = smtp.received.length;
    const port = smtp.port;
    await smtp.stop();
    t.clock.set('2026-03-03T09:00:00Z');
    const a = await insert(delegate, { payload: { subject: 'Down A', lines: ['a'] } });
    const b = await insert(sec, { payload: { subject: 'Down B', lines: ['b'] } });
    expect(await delivery.deliverDue()).toMatchObject({ sent: 0, failed: 0 });
    for (const id of [a.id, b.id]) {
      const row = await reload(id);
      expect(row.sentAt).toBeNull();
      expect(row.failedAt).toBeNull();
    }
    const downA = await reload(a.id);
    expect(downA.attempts).toBe(1);
    expect(downA.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(downA.nextAttemptAt).toEqual(new Date('2026-03-03T09:01:00Z'));
    // Still down at the next attempt: the next wait is longer (5 minutes).
    t.clock.set('2026-03-03T09:01:00Z');
    await delivery.deliverDue();
    expect((await reload(a.id)).nextAttemptAt).toEqual(new Date('2026-03-03T09:06:00Z'));
    // Back up: nothing is sent before the notices are due again, then each once.
    await smtp.start(port);
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 0 });
    t.clock.set('2026-03-03T09:06:00Z');
    const [first, second] = await Promise.all([delivery.deliverDue(), delivery.deliverDue()]);
    expect(first.sent + second.sent).toBe(2);
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 0 });
    const subjects = smtp.received.slice(before).map((r) => r.mail.subject);
    expect(subjects.sort()).toEqual(['Down A', 'Down B']);
    expect(await reload(a.id)).toMatchObject({ sentAt: new Date('2026-03-03T09:06:00Z'), attempts: 3, lastError: null });
  });

  it('records a refusal of the recipient (5xx) as a failure, and a temporary refusal (4xx) as a retry', async () => {
    const bouncing = await createUser(t.db, { role: 'SECRETARIAT', email: 'bounce@nowhere.test' });
    t.clock.set('2026-03-04T09:00:00Z');
    const refused = await insert(bouncing);
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 1, deferred: 0 });
    const row = await reload(refused.id);
    expect(row.failedAt).toEqual(new Date('2026-03-04T09:00:00Z'));
    expect(row.failure).toMatch(/^550 5\.1\.1 No such mailbox/);
    expect(row.sentAt).toBeNull();
    // Given up on: never tried again.
    t.clock.advance(24 * 60 * MINUTE);
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 0 });

    smtp.tempfail = true;
    const greylisted = await insert(delegate, { payload: { subject: 'Greylisted', lines: ['g'] } });
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0, deferred: 1 });
    expect(await reload(greylisted.id)).toMatchObject({ attempts: 1, sentAt: null, failedAt: null });
    expect((await reload(greylisted.id)).lastError).toMatch(/^451/);
    smtp.tempfail = false;
    t.clock.advance(MINUTE);
    expect(await delivery.deliverDue()).toEqual({ sent: 1, failed: 0, deferred: 0 });
  });

  it('gathers the notices held for a digest into one mail per recipient, each with the same date and Message-ID', async () => {
    t.clock.set('2026-03-05T07:00:00Z');
    const digestRows = [];
    for (const n of [1, 2, 3]) {
      t.clock.advance(1000);
      digestRows.push(
        await insert(sec, {
          mandatory: false,
          digest: true,
          category: 'HEARING',
          payload: { subject: `Digest item ${n}`, lines: [`item ${n}`] },
        }),
      );
    }
    const alone = await insert(sec, { payload: { subject: 'Served alone', lines: ['alone'] } });
    const before = smtp.received.length;
    expect(await delivery.deliverDue()).toEqual({ sent: 4, failed: 0, deferred: 0 });
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(2);
    const digest = mails.find((m) => m.mail.subject?.startsWith('Digest'))!;
    expect(digest.mail.subject).toBe('Digest: 3 notices from the Dispute Settlement Body');
    expect(digest.mail.text).toMatch(/Digest item 1[\s\S]*Digest item 2[\s\S]*Digest item 3/);
    expect(digest.mail.headers.get('x-notice-id')).toBe(digestRows.map((r) => r.id).join(', '));
    const rows = await Promise.all(digestRows.map((r) => reload(r.id)));
    expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set([digest.mail.messageId]));
    expect(rows.every((r) => r.sentAt?.toISOString() === '2026-03-05T07:00:03.000Z')).toBe(true);
    expect((await reload(alone.id)).messageId).toBe(`<${alone.id}@dsb.test>`);
  });

  it('lets the secretariat record a bounce that came back later, by Message-ID', async () => {
    t.clock.set('2026-03-06T09:00:00Z');
    const notice = await insert(delegate, { payload: { subject: 'Later bounce', lines: ['x'] } });
    await delivery.deliverDue();
    const BOUNCE = `mutation($m: String!, $r: String!) { recordMailBounce(messageId: $m, reason: $r) }`;
    const messageId = `<${notice.id}@dsb.test>`;
    const other = await createUser(t.db, { role: 'PANELIST' });
    expect((await t.gql(BOUNCE, { m: messageId, r: 'mailbox full' }, t.tokenFor(other))).errors![0].extensions.code).toBe('FORBIDDEN');
    const unknown = await t.gql(BOUNCE, { m: '<nothing@dsb.test>', r: 'x' }, t.tokenFor(sec));
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', domainCode: 'MAIL_NOT_FOUND' });
    const malformed = await t.gql(BOUNCE, { m: notice.id, r: 'x' }, t.tokenFor(sec));
    expect(malformed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', domainCode: 'INVALID_MESSAGE_ID' });
    const recorded = await t.gql(BOUNCE, { m: messageId, r: '550 5.2.2 mailbox full' }, t.tokenFor(sec));
    expect(recorded).toEqual({ data: { recordMailBounce: 1 }, extensions: { language: 'en' } });
    expect(await reload(notice.id)).toMatchObject({
      sentAt: new Date('2026-03-06T09:00:00Z'),
      failedAt: new Date('2026-03-06T09:00:00Z'),
      failure: 'bounced: 550 5.2.2 mailbox full',
    });
    // Recorded once.
    expect((await t.gql(BOUNCE, { m: messageId, r: 'again' }, t.tokenFor(sec))).data).toEqual({ recordMailBounce: 0 });
  });
});

// Issue 13: the limits counted from receipt of the request for consultations (DSU 4.3, 4.7) run from
// the day it was first served on the respondent, where that is later than the filing (README,
// "Notices and service").
describe('notices by e-mail: periods counted from the service of the request', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let delivery: NoticeDelivery;
  const delegates: Record<string, UserEntity> = {};

  const FILE = `mutation($title: String!) { requestConsultations(input: { respondents: ["PAK"], title: $title,
    measures: ["M"], legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`;
  const file = async (title: string) => {
    const res = await t.gql(FILE, { title }, t.tokenFor(delegates.CHN));
    expect(res.errors).toBeUndefined();
    return res.data!.requestConsultations.id as string;
  };
  const limits = async (disputeId: string) =>
    Object.fromEntries(
      (
        await t.db.query(
          `SELECT rule, to_char(base_date, 'YYYY-MM-DD') AS base, to_char(due_date, 'YYYY-MM-DD') AS due FROM deadlines
            WHERE dispute_id = $1 AND rule IN ('REPLY_TO_REQUEST', 'ENTER_CONSULTATIONS', 'EARLIEST_PANEL_REQUEST', 'THIRD_PARTY_CONSULTATIONS')`,
          [disputeId],
        )
      ).map((r: { rule: string; base: string; due: string }) => [r.rule, `${r.base}/${r.due}`]),
    );
  const moves = (disputeId: string) =>
    t.db.query(`SELECT actor_role, text FROM docket_entries WHERE dispute_id = $1 AND kind = 'deadlineMoved' ORDER BY seq`, [disputeId]);

  beforeAll(async () => {
    smtp = await new SmtpTestServer().start();
    t = await startTestApp({
      start: '2026-03-02T09:00:00Z',
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Registry <registry@dsb.test>', BODY_TIME_ZONE: 'Europe/Zurich' },
    });
    delivery = t.app.get(NoticeDelivery);
    for (const code of ['CHN', 'PAK']) {
      const member = await createMember(t.db, { code, name: code });
      delegates[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    }
    await createUser(t.db, { role: 'SECRETARIAT' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('moves the limits by the days the mail server was down, once, with a docket entry and in the audit record of the service', async () => {
    const port = smtp.port;
    await smtp.stop();
    const id = await file('Served late');
    const filed = {
      REPLY_TO_REQUEST: '2026-03-12/2026-03-12',
      ENTER_CONSULTATIONS: '2026-04-01/2026-04-01',
      EARLIEST_PANEL_REQUEST: '2026-05-01/2026-05-01',
      THIRD_PARTY_CONSULTATIONS: '2026-03-12/2026-03-12',
    };
    expect(await limits(id)).toEqual(filed);
    // Down for three days: every round keeps the notices, nothing moves.
    for (const at of ['2026-03-02T09:00:30Z', '2026-03-03T09:00:00Z', '2026-03-04T12:00:00Z']) {
      t.clock.set(at);
      expect((await delivery.deliverDue()).sent).toBe(0);
    }
    expect(await limits(id)).toEqual(filed);
    expect(await moves(id)).toHaveLength(0);

    // Back on 5 March: served on the respondent three days after the filing.
    await smtp.start(port);
    t.clock.set('2026-03-05T09:00:00Z');
    expect((await delivery.deliverDue()).sent).toBeGreaterThan(0);
    expect(
      await t.db.query(`SELECT 1 FROM notices WHERE dispute_id = $1 AND recipient_user_id = $2 AND sent_at = $3`, [
        id,
        delegates.PAK.id,
        t.clock.now(),
      ]),
    ).toHaveLength(1);
    // The reply, the consultations and the earliest panel request run from receipt (DSU 4.3, 4.7);
    // the third parties' 10 days run from circulation (DSU 4.11) and stay.
    expect(await limits(id)).toEqual({
      REPLY_TO_REQUEST: '2026-03-15/2026-03-15',
      ENTER_CONSULTATIONS: '2026-04-04/2026-04-04',
      EARLIEST_PANEL_REQUEST: '2026-05-04/2026-05-04',
      THIRD_PARTY_CONSULTATIONS: '2026-03-12/2026-03-12',
    });
    const [moved] = await moves(id);
    expect(moved.actor_role).toBe('SYSTEM');
    expect(moved.text).toContain('first served on PAK on 2026-03-05');
    expect(moved.text).toContain('REPLY_TO_REQUEST (DSU 4.3) is now due 2026-03-15 instead of 2026-03-12');
    const [audit] = await t.db.query(
      `SELECT details FROM audit_log WHERE operation = 'deliverNotices' AND details ? 'recounted' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit.details.recounted).toEqual(
      expect.arrayContaining([expect.objectContaining({ disputeId: id, rule: 'REPLY_TO_REQUEST', from: '2026-03-12', to: '2026-03-15' })]),
    );

    // Once: the move's own notices, and any later service, move nothing more.
    for (const at of ['2026-03-05T09:05:00Z', '2026-03-07T09:00:00Z']) {
      t.clock.set(at);
      await delivery.deliverDue();
    }
    expect((await limits(id)).REPLY_TO_REQUEST).toBe('2026-03-15/2026-03-15');
    expect(await moves(id)).toHaveLength(1);
  });

  it('moves nothing when the request is served on the day it was filed, in the body’s zone', async () => {
    t.clock.set('2026-03-10T09:00:00Z');
    const id = await file('Served at once');
    // 21:00 UTC is 22:00 in Zurich: still 10 March where the body sits.
    t.clock.set('2026-03-10T21:00:00Z');
    expect((await delivery.deliverDue()).sent).toBeGreaterThan(0);
    expect(await limits(id)).toEqual({
      REPLY_TO_REQUEST: '2026-03-20/2026-03-20',
      ENTER_CONSULTATIONS: '2026-04-09/2026-04-09',
      EARLIEST_PANEL_REQUEST: '2026-05-09/2026-05-09',
      THIRD_PARTY_CONSULTATIONS: '2026-03-20/2026-03-20',
    });
    expect(await moves(id)).toHaveLength(0);
  });
});
