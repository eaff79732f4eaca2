import { UserEntity } from '@app/core';
import { HearingRemindersService } from '@app/hearings';
import { NoticeEntity, NoticePreferenceEntity } from '@app/notices';
import { DAY, SCHEDULE, World, closeElection, establishAndOpenElections, startWorld } from './setup';

// Issue 17: a hearing's notices and reminders in each participant's language (README, "Notices by
// e-mail"), the hearing's own clock in that language too; English unchanged.
describe('hearings: notices in each participant’s language', () => {
  let w: World;
  const noticeOf = (user: UserEntity, kind: string) =>
    w.t.db.getRepository(NoticeEntity).findOneByOrFail({ recipientUserId: user.id, kind });
  const prefer = (user: UserEntity, locale: string) =>
    w.t.db.getRepository(NoticePreferenceEntity).save({
      userId: user.id,
      emailOff: [],
      digest: false,
      digestHour: 7,
      timeZone: 'Europe/Zurich',
      locale,
      updatedAt: w.t.clock.now(),
    });

  beforeAll(async () => {
    w = await startWorld('2026-02-08T09:00:00Z');
    const [e] = await establishAndOpenElections(w, [{ complainant: 'CHN', respondent: 'PAK', panel: ['A', 'B', 'C'] }]);
    w.t.clock.advance(7 * DAY + 1000);
    await closeElection(w, e.electionId);
    await prefer(w.delegates.CHN, 'ru');
    await prefer(w.panelists.A, 'fr');
    const res = await w.t.gql(
      SCHEDULE,
      {
        input: {
          disputeId: e.disputeId,
          kind: 'FIRST_SUBSTANTIVE_MEETING',
          startsAt: '2026-03-30T09:00:00Z',
          endsAt: '2026-03-30T12:00:00Z',
          timeZone: 'Europe/Zurich',
          virtualLink: 'https://meet.example.org/panel',
        },
      },
      w.tok(w.sec),
    );
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => w.t.close());

  it('convenes each participant in their language', async () => {
    const [fr, ru, en] = await Promise.all([
      noticeOf(w.panelists.A, 'hearingScheduled'),
      noticeOf(w.delegates.CHN, 'hearingScheduled'),
      noticeOf(w.delegates.PAK, 'hearingScheduled'),
    ]);
    expect(fr.payload.subject).toMatch(/^DS\d+ : première réunion de fond — date fixée$/);
    expect(fr.payload.lines).toEqual([
      expect.stringMatching(/^La première réunion de fond de l’affaire DS\d+ est fixée du \{startsAt\} au \{endsAt\}\.$/),
      expect.stringMatching(/^L’audience suit l’heure de Europe\/Zurich : elle y commence le 30 mars 2026.*11:00\.$/),
    ]);
    expect(ru.payload.subject).toMatch(/^DS\d+: назначение — первое заседание по существу$/);
    expect(en.payload.subject).toMatch(/^DS\d+: the first substantive meeting is scheduled$/);
    expect(en.payload.lines).toContain('The hearing keeps the time of Europe/Zurich: it starts there at 2026-03-30T11:00:00+02:00.');
  });

  it('reminds in Russian with the plural of the days left', async () => {
    w.t.clock.set('2026-03-23T00:00:00Z');
    expect(await w.t.app.get(HearingRemindersService).remindDue()).toBeGreaterThan(0);
    const ru = await noticeOf(w.delegates.CHN, 'hearingReminder');
    expect(ru.payload.subject).toMatch(/^Напоминание: первое заседание по существу по делу DS\d+ — через 7 дней \(30 марта 2026 г\.\)$/);
    const en = await noticeOf(w.delegates.PAK, 'hearingReminder');
    expect(en.payload.subject).toMatch(/^Reminder: the first substantive meeting of DS\d+ is in 7 days \(2026-03-30\)$/);
  });
});
