import { UserEntity } from '@app/core';
import { HearingRemindersService } from '@app/hearings';
import { NoticeEntity, NoticePreferenceEntity } from '@app/notices';
import { CANCEL, DAY, RESCHEDULE, SCHEDULE, World, closeElection, establishAndOpenElections, startWorld } from './setup';

// Issue 13: the participants of a hearing are reminded REMINDER_DAYS (7 and 1 by default) days
// before it starts, from the start of that day in each one's time zone, once however many sweeps,
// again for new times, never for a cancelled hearing (README, "Notices by e-mail").
describe('hearings: reminders of the hearings ahead, from the worker’s sweep', () => {
  let w: World;
  let reminders: HearingRemindersService;
  let disputeId: string;
  let everyone: UserEntity[];

  const remindersOf = (user: UserEntity, hearingId?: string) =>
    w.t.db
      .getRepository(NoticeEntity)
      .find({ where: { recipientUserId: user.id, kind: 'hearingReminder' }, order: { createdAt: 'ASC', dedupeKey: 'ASC' } })
      .then((rows) => rows.filter((n) => !hearingId || n.dedupeKey!.startsWith(`hearingReminder:${hearingId}:`)));
  const at = async (instant: string) => {
    w.t.clock.set(instant);
    return reminders.remindDue();
  };
  const gql = async (query: string, input: Record<string, unknown>) => {
    const res = await w.t.gql(query, { input }, w.tok(w.sec));
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as { id: string };
  };
  const schedule = (kind: string, startsAt: string, endsAt: string) =>
    gql(SCHEDULE, { disputeId, kind, startsAt, endsAt, timeZone: 'Europe/Zurich', virtualLink: 'https://meet.example.org/panel' });

  beforeAll(async () => {
    // Filed 22 days before 2 March: the election opens then and closes 7 days later (setup.ts).
    w = await startWorld('2026-02-08T09:00:00Z');
    const [e] = await establishAndOpenElections(w, [{ complainant: 'CHN', respondent: 'PAK', panel: ['A', 'B', 'C'] }]);
    disputeId = e.disputeId;
    w.t.clock.advance(7 * DAY + 1000);
    await closeElection(w, e.electionId);
    reminders = w.t.app.get(HearingRemindersService);
    // The respondent's delegate reads in Shanghai (UTC+8): its day starts 8 hours before UTC's.
    await w.t.db.getRepository(NoticePreferenceEntity).save({
      userId: w.delegates.PAK.id,
      emailOff: [],
      digest: false,
      digestHour: 7,
      timeZone: 'Asia/Shanghai',
      locale: null,
      updatedAt: w.t.clock.now(),
    });
    everyone = [w.panelists.A, w.panelists.B, w.panelists.C, w.delegates.CHN, w.delegates.PAK];
  });
  afterAll(() => w.t.close());

  it('reminds each participant 7 and 1 days before, from midnight in their zone, once across sweeps; again after a move; never once cancelled', async () => {
    const h1 = await schedule('FIRST_SUBSTANTIVE_MEETING', '2026-03-30T09:00:00Z', '2026-03-30T12:00:00Z');
    expect(await reminders.remindDue()).toBe(0);

    // Midnight of 23 March in Shanghai (16:00 UTC the day before): that delegate's 7-day reminder only.
    expect(await at('2026-03-22T15:59:59Z')).toBe(0);
    expect(await at('2026-03-22T16:00:00Z')).toBe(1);
    const [early] = await remindersOf(w.delegates.PAK, h1.id);
    expect(early).toMatchObject({
      category: 'REMINDER',
      kind: 'hearingReminder',
      mandatory: false,
      disputeId,
      memberId: w.members.PAK.id,
      docketEntryId: null,
      dedupeKey: `hearingReminder:${h1.id}:7:${w.delegates.PAK.id}:2026-03-30T09:00:00.000Z`,
    });
    expect(early.payload).toMatchObject({
      subject: expect.stringMatching(/^Reminder: the first substantive meeting of DS\d+ is in 7 days \(2026-03-30\)$/),
      dates: { startsAt: '2026-03-30T09:00:00.000Z', endsAt: '2026-03-30T12:00:00.000Z' },
      docketNumber: expect.stringMatching(/^DS\d+$/),
      disputeId,
      daysBefore: 7,
    });
    expect(early.payload.lines).toEqual([
      expect.stringContaining('is held from {startsAt} to {endsAt}.'),
      'The hearing keeps the time of Europe/Zurich: it starts there at 2026-03-30T11:00:00+02:00.',
    ]);
    for (const user of [w.panelists.A, w.delegates.CHN]) expect(await remindersOf(user)).toHaveLength(0);

    // Midnight UTC (the body's zone and everyone else's): the three panelists and the complainant's
    // delegate. Two workers sweeping at once write each reminder once; later sweeps write nothing.
    w.t.clock.set('2026-03-23T00:00:00Z');
    const [a, b] = await Promise.all([reminders.remindDue(), reminders.remindDue()]);
    expect(a + b).toBe(4);
    for (let i = 0; i < 3; i += 1) expect(await reminders.remindDue()).toBe(0);
    for (const user of everyone) expect((await remindersOf(user, h1.id)).map((n) => n.payload.daysBefore)).toEqual([7]);
    // The panelists are served for no member; a member not in the hearing is not reminded.
    expect((await remindersOf(w.panelists.A))[0].memberId).toBeNull();
    expect(await remindersOf(w.delegates.KAZ)).toHaveLength(0);
    expect(await remindersOf(w.panelists.D)).toHaveLength(0);

    // Moved a week later: the old times' 1-day reminder never comes, the new times are reminded anew.
    w.t.clock.set('2026-03-24T09:00:00Z');
    await gql(RESCHEDULE, { hearingId: h1.id, startsAt: '2026-04-07T09:00:00Z', endsAt: '2026-04-07T12:00:00Z', reason: 'Room works' });
    expect(await reminders.remindDue()).toBe(0);
    expect(await at('2026-03-30T00:00:00Z')).toBe(0);

    // A hearing set 3 days ahead: its 7-day day had begun when it was set (the convocation served
    // them); only its 1-day reminder will come. Another, three weeks ahead, to be cancelled.
    w.t.clock.set('2026-03-30T10:00:00Z');
    const h2 = await schedule('THIRD_PARTY_SESSION', '2026-04-02T09:00:00Z', '2026-04-02T11:00:00Z');
    const h3 = await schedule('SECOND_SUBSTANTIVE_MEETING', '2026-04-20T09:00:00Z', '2026-04-20T12:00:00Z');
    expect(await reminders.remindDue()).toBe(0);

    expect(await at('2026-03-31T00:00:00Z')).toBe(5); // h1's new 7-day reminders
    expect(await at('2026-04-01T00:00:00Z')).toBe(5); // h2's 1-day
    expect(await at('2026-04-06T00:00:00Z')).toBe(5); // h1's 1-day
    expect(await at('2026-04-06T12:00:00Z')).toBe(0);
    for (const user of everyone) {
      expect(
        (await remindersOf(user, h1.id)).map((n) => [n.payload.daysBefore, (n.payload.dates as Record<string, string>).startsAt]),
      ).toEqual([
        [7, '2026-03-30T09:00:00.000Z'],
        [7, '2026-04-07T09:00:00.000Z'],
        [1, '2026-04-07T09:00:00.000Z'],
      ]);
      expect((await remindersOf(user, h2.id)).map((n) => n.payload.daysBefore)).toEqual([1]);
    }

    // h3 is reminded a week before; cancelled the day after, its 1-day reminder never comes.
    expect(await at('2026-04-13T00:00:00Z')).toBe(5);
    w.t.clock.set('2026-04-14T09:00:00Z');
    await gql(CANCEL, { hearingId: h3.id, reason: 'The parties settled the point' });
    for (const instant of ['2026-04-18T16:00:00Z', '2026-04-19T00:00:00Z', '2026-04-20T08:00:00Z']) expect(await at(instant)).toBe(0);
    for (const user of everyone) expect((await remindersOf(user, h3.id)).map((n) => n.payload.daysBefore)).toEqual([7]);
  });

  it('writes nothing, and leaves no audit record, when nothing is due', async () => {
    const before = (await w.t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'remindHearings'`))[0].n;
    expect(before).toBeGreaterThan(0);
    for (const instant of ['2026-04-21T00:00:00Z', '2026-04-22T00:00:00Z']) expect(await at(instant)).toBe(0);
    expect((await w.t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'remindHearings'`))[0].n).toBe(before);
  });
});
