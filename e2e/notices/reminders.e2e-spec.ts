import { UserEntity } from '@app/core';
import { NoticeEntity, NoticePreferenceEntity, RemindersService } from '@app/notices';
import { ProcedureSweeper } from '@app/registry';
import { createMember, createUser } from '../utils/factories';
import { TestApp, startTestApp } from '../utils/test-app';

const FILE = `mutation($r: [String!]!, $title: String!) { requestConsultations(input: { respondents: $r, title: $title,
  measures: ["M"], legalBasis: ["GATT Art. XI"], summary: "S" }) { id } }`;

describe('reminders of time limits, from the worker’s sweep', () => {
  let t: TestApp;
  let reminders: RemindersService;
  const users: Record<string, UserEntity> = {};

  // The reminders only: every docket entry of these disputes is served too (e2e/notices/service).
  const noticesOf = (user: UserEntity, disputeId: string) =>
    t.db
      .getRepository(NoticeEntity)
      .find({ where: { recipientUserId: user.id, disputeId, category: 'REMINDER' }, order: { createdAt: 'ASC' } });
  const file = async (title: string) =>
    (await t.gql(FILE, { r: ['PAK'], title }, t.tokenFor(users.CHN))).data!.requestConsultations.id as string;

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-03-02T09:00:00Z' });
    reminders = t.app.get(RemindersService);
    for (const code of ['CHN', 'PAK']) {
      const member = await createMember(t.db, { code, name: code });
      users[code] = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
      if (code === 'PAK') users.PAK_SHANGHAI = await createUser(t.db, { role: 'MEMBER_DELEGATE', memberId: member.id });
    }
    users.SEC = await createUser(t.db, { role: 'SECRETARIAT' });
    await t.db.getRepository(NoticePreferenceEntity).save({
      userId: users.PAK_SHANGHAI.id,
      emailOff: [],
      digest: false,
      digestHour: 7,
      timeZone: 'Asia/Shanghai',
      locale: null,
      updatedAt: t.clock.now(),
    });
  });
  afterAll(() => t.close());

  it('reminds the bound party’s delegates 7 days and 1 day before, from midnight in each one’s zone, once each however many sweeps', async () => {
    t.clock.set('2026-03-02T09:00:00Z');
    // The respondent replies within 10 days (DSU 4.3): due 12 March, running out at midnight UTC.
    const id = await file('Reminded');
    t.clock.set('2026-03-04T15:59:59Z');
    expect(await reminders.remindDue()).toEqual({ reminders: 0, overdue: 0 });
    // Midnight of 5 March in Shanghai: that delegate's 7-day reminder, not yet the other's.
    t.clock.set('2026-03-04T16:00:00Z');
    expect(await reminders.remindDue()).toEqual({ reminders: 1, overdue: 0 });
    const [early] = await noticesOf(users.PAK_SHANGHAI, id);
    expect(early).toMatchObject({ category: 'REMINDER', kind: 'deadlineReminder', mandatory: false, sentAt: null });
    expect(early.dedupeKey).toMatch(new RegExp(`^reminder:[0-9a-f-]{36}:7:${users.PAK_SHANGHAI.id}$`));
    expect(early.payload).toMatchObject({
      subject: 'Reminder: REPLY_TO_REQUEST is due in 7 days (2026-03-12)',
      docketNumber: expect.stringMatching(/^DS\d+$/),
      dates: { due: '2026-03-13T00:00:00.000Z' },
      rule: 'REPLY_TO_REQUEST',
      daysBefore: 7,
    });
    expect((early.payload.lines as string[]).join('\n')).toContain(
      'It runs out at {due}, the end of 2026-03-12 where the body sits (UTC).',
    );
    expect(await noticesOf(users.PAK, id)).toHaveLength(0);
    t.clock.set('2026-03-05T00:00:00Z');
    // Two workers sweeping at once write each reminder once.
    const [a, b] = await Promise.all([reminders.remindDue(), reminders.remindDue()]);
    expect(a.reminders + b.reminders).toBe(1);
    for (let i = 0; i < 3; i += 1) expect(await reminders.remindDue()).toEqual({ reminders: 0, overdue: 0 });
    t.clock.set('2026-03-11T00:00:00Z');
    expect(await reminders.remindDue()).toEqual({ reminders: 2, overdue: 0 });
    expect(await reminders.remindDue()).toEqual({ reminders: 0, overdue: 0 });
    for (const who of ['PAK', 'PAK_SHANGHAI']) {
      expect((await noticesOf(users[who], id)).map((n) => n.payload.daysBefore)).toEqual([7, 1]);
    }
    // The complainant is not bound by the reply; the secretariat hears of nothing yet.
    expect(await noticesOf(users.CHN, id)).toHaveLength(0);
    expect(await noticesOf(users.SEC, id)).toHaveLength(0);

    // The limit runs out: the sweep records it missed, and the secretariat is told once.
    t.clock.set('2026-03-13T00:00:01Z');
    await t.app.get(ProcedureSweeper).sweep();
    expect(await reminders.remindDue()).toEqual({ reminders: 0, overdue: 1 });
    expect(await reminders.remindDue()).toEqual({ reminders: 0, overdue: 0 });
    const [overdue] = await noticesOf(users.SEC, id);
    expect(overdue).toMatchObject({ kind: 'overdueStep', category: 'REMINDER' });
    expect(overdue.payload.subject).toMatch(/^Overdue: REPLY_TO_REQUEST in DS\d+ was due on 2026-03-12$/);
    // Nothing more for the delegates: the reply's limit is closed, the next ones are weeks away.
    expect((await noticesOf(users.PAK, id)).length).toBe(2);
  });

  it('does not remind of the limits of a suspended dispute, whose clocks are stopped (DSU 12.12)', async () => {
    t.clock.set('2026-04-01T09:00:00Z');
    const id = await file('Suspended');
    // A suspension as the panel's suspend step leaves the rows: every running limit paused with the
    // days it had left (written directly, as e2e/registry/sweep.e2e-spec.ts does, to keep this
    // scenario short of a panel election).
    await t.db.query(
      `UPDATE disputes SET stage = 'SUSPENDED', stage_before_suspension = 'IN_CONSULTATIONS', suspended_at = $2 WHERE id = $1`,
      [id, t.clock.now()],
    );
    await t.db.query(`UPDATE deadlines SET paused_remaining_days = due_date - $2::date WHERE dispute_id = $1 AND status = 'OPEN'`, [
      id,
      '2026-04-01',
    ]);
    for (const at of ['2026-04-04T00:00:00Z', '2026-04-10T00:00:00Z', '2026-04-11T12:00:00Z']) {
      t.clock.set(at);
      await reminders.remindDue();
    }
    for (const who of ['PAK', 'PAK_SHANGHAI', 'CHN', 'SEC']) expect(await noticesOf(users[who], id)).toHaveLength(0);
    // The same limits once running again are reminded (the filter is the pause, nothing else).
    await t.db.query(`UPDATE deadlines SET paused_remaining_days = NULL WHERE dispute_id = $1`, [id]);
    expect((await reminders.remindDue()).reminders).toBe(2);
  });
});
