import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, CommandRunner } from '@app/core';
import type { Language } from '@app/i18n';
import {
  NoticePreferencesService,
  NoticesService,
  daysFrom,
  datePlaceholder,
  noticeDay,
  noticeText,
  reminderDue,
  type NoticeDraft,
} from '@app/notices';
import { bodyTimeZone } from '@app/procedure';
import { DisputesService, docketNumber } from '@app/registry';
import { DataSource } from 'typeorm';
import { localDate } from '../time';
import { BookingsService, hearingTime } from './bookings.service';
import { HearingEntity } from './hearing.entity';

/** Hearings read per page (one statement each, and a few more for their participants). */
const PAGE = 200;

/** A reminder always has its dedupe key: it is what keeps it once across sweeps and workers. */
type NewNotice = NoticeDraft & { dedupeKey: string };

/**
 * Reminders of the hearings ahead, from the worker's sweep (README, "Notices by e-mail"): everyone
 * who takes part in a hearing (the seated panelists first, then the parties' delegates, the third
 * parties' for their session, the named staff) is reminded REMINDER_DAYS days before it starts,
 * from the start of that day in their own time zone, as the limits' reminders are
 * (libs/notices/src/reminders). A day that had begun when the hearing was set (or moved) is skipped:
 * the convocation served them then. Each reminder's dedupe key names the hearing, the offset, the
 * user and the start instant: once however many sweeps and workers, and again for new times. A
 * cancelled hearing is not reminded (its cancellation was served).
 */
@Injectable()
export class HearingRemindersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly commands: CommandRunner,
    private readonly config: AppConfig,
    private readonly bookings: BookingsService,
    private readonly disputes: DisputesService,
    private readonly notices: NoticesService,
    private readonly preferences: NoticePreferencesService,
  ) {}

  /** Writes the reminders due now; answers how many were written. */
  async remindDue(): Promise<number> {
    const offsets = this.config.REMINDER_DAYS;
    if (!offsets.length) return 0;
    const now = this.clock.now();
    // A day more than the largest offset (and one more for the zones ahead of UTC): a recipient's
    // day may start before the hearing's instant is that many days away.
    const horizon = new Date(now.getTime() + (Math.max(...offsets) + 2) * 86_400_000);
    let written = 0;
    for (let after: { startsAt: Date; id: string } | null = null; ;) {
      const query = this.dataSource
        .getRepository(HearingEntity)
        .createQueryBuilder('h')
        .where(`h.status = 'SCHEDULED' AND h.starts_at > :now AND h.starts_at <= :horizon`, { now, horizon })
        .orderBy('h.starts_at', 'ASC')
        .addOrderBy('h.id', 'ASC')
        .take(PAGE);
      if (after) query.andWhere('(h.starts_at, h.id) > (:afterStart, :afterId)', { afterStart: after.startsAt, afterId: after.id });
      const page = await query.getMany();
      written += await this.write(await this.remindersFor(page, offsets, now));
      if (page.length < PAGE) break;
      after = { startsAt: page[page.length - 1].startsAt, id: page[page.length - 1].id };
    }
    return written;
  }

  private async remindersFor(page: HearingEntity[], offsets: readonly number[], now: Date): Promise<NewNotice[]> {
    if (!page.length) return [];
    const em = this.dataSource.manager;
    const recipients = await this.bookings.recipientsOfMany(em, page);
    const userIds = [...recipients.values()].flatMap((list) => list.map((r) => r.userId));
    const zones = await this.preferences.timeZonesOf(em, userIds);
    const languages = await this.preferences.languagesOf(em, userIds);
    const numbers = new Map(
      (await this.disputes.byIds(em, [...new Set(page.map((h) => h.disputeId))])).map((d) => [d.id, docketNumber(d)]),
    );
    const rows: NewNotice[] = [];
    for (const hearing of page) {
      for (const r of recipients.get(hearing.id) ?? []) {
        const zone = zones.get(r.userId) ?? bodyTimeZone();
        // The hearing's first day as the recipient's calendar shows it; the reminder comes at the
        // start of the day `days` before it, in the same zone.
        const dueDate = localDate(hearing.startsAt, zone);
        const days = reminderDue(offsets, { dueDate, openedAt: hearing.setAt ?? new Date(0), endsAt: hearing.startsAt }, zone, now);
        if (days !== null)
          rows.push(
            reminderNotice(
              hearing,
              numbers.get(hearing.disputeId) ?? hearing.disputeId,
              r,
              days,
              dueDate,
              daysFrom(dueDate, zone, now),
              languages.get(r.userId) ?? 'en',
            ),
          );
      }
    }
    return rows;
  }

  /** Writes the reminders not written yet, in one command; none to write, no command (and no audit record). */
  private async write(rows: NewNotice[]): Promise<number> {
    if (!rows.length) return 0;
    const known = await this.notices.existingDedupeKeys(rows.map((r) => r.dedupeKey));
    const fresh = rows.filter((r) => !known.has(r.dedupeKey));
    if (!fresh.length) return 0;
    return this.commands.run({ actor: null, operation: 'remindHearings' }, async (ctx) => {
      // Another worker may have written some since the read: the unique dedupe key keeps each once.
      const ids = await this.notices.enqueue(ctx, fresh);
      ctx.target('Notice', ids[0] ?? fresh[0].dedupeKey, { written: ids.length, keys: fresh.map((r) => r.dedupeKey).slice(0, 100) });
      return ids.length;
    });
  }
}

function reminderNotice(
  hearing: HearingEntity,
  number: string,
  recipient: { userId: string; memberId: string | null },
  days: number,
  localDay: string,
  daysLeft: number,
  language: Language,
): NewNotice {
  const t = noticeText(language);
  const what = t('hearingKind', { kind: hearing.kind });
  return {
    recipientUserId: recipient.userId,
    memberId: recipient.memberId,
    disputeId: hearing.disputeId,
    docketEntryId: null,
    category: 'REMINDER',
    kind: 'hearingReminder',
    mandatory: false,
    dedupeKey: `hearingReminder:${hearing.id}:${days}:${recipient.userId}:${hearing.startsAt.toISOString()}`,
    payload: {
      subject: t('hearingReminderSubject', { what, number, when: t('when', { days: daysLeft }), day: noticeDay(language, localDay) }),
      lines: [
        t('hearingReminderHeld', { number, what, startsAt: datePlaceholder('startsAt'), endsAt: datePlaceholder('endsAt') }),
        t('hearingKeepsTime', { zone: hearing.timeZone, local: hearingTime(language, hearing.startsAt, hearing.timeZone) }),
      ],
      language,
      dates: { startsAt: hearing.startsAt.toISOString(), endsAt: hearing.endsAt.toISOString() },
      docketNumber: number,
      disputeId: hearing.disputeId,
      daysBefore: days,
    },
  };
}
