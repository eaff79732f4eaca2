import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, CommandRunner, UsersService } from '@app/core';
import type { Language } from '@app/i18n';
import { DEADLINE_RULES, addDays, bodyTimeZone, startOfDay, toIsoDate } from '@app/procedure';
import { DeadlinesService, type DeadlineToRemind } from '@app/registry';
import { DataSource, In } from 'typeorm';
import { NoticePreferenceEntity } from '../notices/notice-preference.entity';
import type { NoticeDraft } from '../notices/notice-rules';
import { NoticesService } from '../notices/notices.service';
import { NoticePreferencesService } from '../notices/notice-preferences.service';
import { datePlaceholder, noticeDay, noticeLanguage, noticeText } from '../notices/notice-language';
import { daysFrom, reminderDue } from './zoned-day';

/** Limits read per page (one statement each). */
const PAGE = 200;
/** How far back a limit recorded MISSED is still reported to the secretariat (a worker that was down catches up). */
const OVERDUE_WINDOW_MS = 7 * 86_400_000;

/** A reminder always has its dedupe key: it is what keeps it once across sweeps and workers. */
type NewNotice = NoticeDraft & { dedupeKey: string };

export interface ReminderReport {
  /** Reminders of limits written for the delegates of the members they bind. */
  reminders: number;
  /** Overdue steps reported to the secretariat. */
  overdue: number;
}

/**
 * Reminders, from the worker's sweep (README, "Notices by e-mail"): a party's delegates are
 * reminded of each limit that binds their member REMINDER_DAYS days before it is due (from the
 * start of that day in their own time zone), and the secretariat of each limit that ran out without
 * its act. Each reminder is a notice with a dedupe key, written with INSERT … ON CONFLICT DO
 * NOTHING on `uq_notices_dedupe`: once, however many sweeps and workers. A limit paused by a
 * suspension (DSU 12.12) is not running and is not reminded.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly commands: CommandRunner,
    private readonly users: UsersService,
    private readonly deadlines: DeadlinesService,
    private readonly config: AppConfig,
    private readonly notices: NoticesService,
    private readonly preferences: NoticePreferencesService,
  ) {}

  async remindDue(): Promise<ReminderReport> {
    const report: ReminderReport = { reminders: 0, overdue: 0 };
    const offsets = this.config.REMINDER_DAYS;
    const em = this.dataSource.manager;
    if (offsets.length) {
      const now = this.clock.now();
      // A day more than the largest offset: a recipient's day may start before the body's.
      const dueBy = addDays(toIsoDate(now), Math.max(...offsets) + 1);
      for (let afterId: string | null = null; ;) {
        const page = await this.deadlines.toRemind(em, { dueBy }, { afterId, limit: PAGE });
        report.reminders += await this.write(await this.partyReminders(page, offsets, now));
        if (page.length < PAGE) break;
        afterId = page[page.length - 1].id;
      }
    }
    const now = this.clock.now();
    const secretariat = await this.users.activeWithRole(em, 'SECRETARIAT');
    if (secretariat.length) {
      const missedSince = new Date(now.getTime() - OVERDUE_WINDOW_MS);
      for (let afterId: string | null = null; ;) {
        const page = await this.deadlines.toRemind(em, { missedSince }, { afterId, limit: PAGE });
        const languages = await this.preferences.languagesOf(
          em,
          secretariat.map((u) => u.id),
        );
        const rows = page.flatMap((limit) => secretariat.map((user) => overdueNotice(limit, user.id, languages.get(user.id) ?? 'en')));
        report.overdue += await this.write(rows);
        if (page.length < PAGE) break;
        afterId = page[page.length - 1].id;
      }
    }
    return report;
  }

  private async partyReminders(page: DeadlineToRemind[], offsets: readonly number[], now: Date): Promise<NewNotice[]> {
    // Only limits that await an act of a party: windows and waiting periods oblige nobody.
    const owed = page.filter((limit) => DEADLINE_RULES[limit.rule].kind === 'DEADLINE' && limit.boundMemberIds.length > 0);
    if (!owed.length) return [];
    const em = this.dataSource.manager;
    const delegates = await this.users.delegatesOf(
      em,
      owed.flatMap((l) => l.boundMemberIds),
    );
    const prefs = new Map(
      (await em.getRepository(NoticePreferenceEntity).findBy({ userId: In(delegates.map((d) => d.id)) })).map((p) => [p.userId, p]),
    );
    const rows: NewNotice[] = [];
    for (const limit of owed) {
      // A limit runs to the end of its due day where the body sits.
      const endsAt = startOfDay(addDays(limit.dueDate, 1));
      for (const user of delegates.filter((d) => d.memberId && limit.boundMemberIds.includes(d.memberId))) {
        const pref = prefs.get(user.id);
        const zone = pref?.timeZone ?? bodyTimeZone();
        const language = noticeLanguage(pref?.locale);
        const days = reminderDueFor(offsets, limit, endsAt, zone, now);
        if (days !== null)
          rows.push(reminderNotice(limit, user.id, user.memberId, days, endsAt, daysFrom(limit.dueDate, zone, now), language));
      }
    }
    return rows;
  }

  /** Writes the notices not written yet, in one command; none to write, no command (and no audit record). */
  private async write(rows: NewNotice[]): Promise<number> {
    if (!rows.length) return 0;
    const existing: { dedupe_key: string }[] = await this.dataSource.query(
      'SELECT dedupe_key FROM notices WHERE dedupe_key = ANY($1::text[])',
      [rows.map((r) => r.dedupeKey)],
    );
    const known = new Set(existing.map((r) => r.dedupe_key));
    const fresh = rows.filter((r) => !known.has(r.dedupeKey as string));
    if (!fresh.length) return 0;
    return this.commands.run({ actor: null, operation: 'remindDeadlines' }, async (ctx) => {
      // Another worker may have written some since the read: the unique index keeps each once. The
      // one writer applies each recipient's preferences (a reminder may go to the daily digest).
      const ids = await this.notices.enqueue(ctx, fresh);
      const written = ids.length;
      ctx.target('Notice', ids[0] ?? fresh[0].dedupeKey, {
        written,
        keys: fresh.map((r) => r.dedupeKey).slice(0, 100),
      });
      return written;
    });
  }
}

function reminderDueFor(offsets: readonly number[], limit: DeadlineToRemind, endsAt: Date, zone: string, now: Date): number | null {
  return reminderDue(offsets, { dueDate: limit.dueDate, openedAt: limit.openedAt, endsAt }, zone, now);
}

function reminderNotice(
  limit: DeadlineToRemind,
  userId: string,
  memberId: string | null,
  days: number,
  endsAt: Date,
  daysLeft: number,
  language: Language,
): NewNotice {
  const rule = DEADLINE_RULES[limit.rule];
  const t = noticeText(language);
  const dueDate = noticeDay(language, limit.dueDate);
  const number = limit.docketNumber;
  // The rule's description and consequence are the engine's data (libs/procedure), in English.
  const which = { number, title: limit.disputeTitle, rule: limit.rule, article: rule.article, dueDate };
  return {
    recipientUserId: userId,
    disputeId: limit.disputeId,
    docketEntryId: null,
    memberId,
    category: 'REMINDER',
    kind: 'deadlineReminder',
    mandatory: false,
    dedupeKey: `reminder:${limit.id}:${days}:${userId}`,
    payload: {
      subject: t('reminderSubject', { rule: limit.rule, when: t('when', { days: daysLeft }), dueDate }),
      docketNumber: limit.docketNumber,
      disputeId: limit.disputeId,
      lines: [
        t('reminderBinds', which),
        rule.description,
        t('reminderRunsOut', { due: datePlaceholder('due'), dueDate, zone: bodyTimeZone() }),
        t('reminderOnExpiry', { onExpiry: rule.onExpiry }),
      ],
      language,
      dates: { due: endsAt.toISOString() },
      deadlineId: limit.id,
      rule: limit.rule,
      daysBefore: days,
    },
  };
}

function overdueNotice(limit: DeadlineToRemind, userId: string, language: Language): NewNotice {
  const rule = DEADLINE_RULES[limit.rule];
  const t = noticeText(language);
  const dueDate = noticeDay(language, limit.dueDate);
  const number = limit.docketNumber;
  return {
    recipientUserId: userId,
    disputeId: limit.disputeId,
    docketEntryId: null,
    memberId: null,
    category: 'REMINDER',
    kind: 'overdueStep',
    mandatory: false,
    dedupeKey: `overdue:${limit.id}:${userId}`,
    payload: {
      subject: t('overdueSubject', { rule: limit.rule, number, dueDate }),
      docketNumber: limit.docketNumber,
      disputeId: limit.disputeId,
      lines: [
        t('overdueRanOut', {
          number,
          title: limit.disputeTitle,
          rule: limit.rule,
          article: rule.article,
          dueDate,
          missedAt: datePlaceholder('missedAt'),
        }),
        t('overdueBinds', { binds: rule.binds, onExpiry: rule.onExpiry }),
      ],
      language,
      dates: { missedAt: (limit.closedAt ?? limit.openedAt).toISOString() },
      deadlineId: limit.id,
      rule: limit.rule,
    },
  };
}
