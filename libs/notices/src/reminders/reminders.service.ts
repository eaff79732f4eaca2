import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, CommandRunner, UsersService } from '@app/core';
import { DEADLINE_RULES, addDays, bodyTimeZone, startOfDay, toIsoDate } from '@app/procedure';
import { DeadlinesService, type DeadlineToRemind } from '@app/registry';
import { DataSource, In } from 'typeorm';
import { NoticePreferenceEntity } from '../notices/notice-preference.entity';
import type { NoticeDraft } from '../notices/notice-rules';
import { NoticesService } from '../notices/notices.service';
import { reminderDue, whenFrom } from './zoned-day';

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
        const rows = page.flatMap((limit) => secretariat.map((user) => overdueNotice(limit, user.id)));
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
    const zones = new Map(
      (await em.getRepository(NoticePreferenceEntity).findBy({ userId: In(delegates.map((d) => d.id)) })).map((p) => [
        p.userId,
        p.timeZone,
      ]),
    );
    const rows: NewNotice[] = [];
    for (const limit of owed) {
      // A limit runs to the end of its due day where the body sits.
      const endsAt = startOfDay(addDays(limit.dueDate, 1));
      for (const user of delegates.filter((d) => d.memberId && limit.boundMemberIds.includes(d.memberId))) {
        const zone = zones.get(user.id) ?? bodyTimeZone();
        const days = reminderDueFor(offsets, limit, endsAt, zone, now);
        if (days !== null) rows.push(reminderNotice(limit, user.id, user.memberId, days, endsAt, whenFrom(limit.dueDate, zone, now)));
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
  when: string,
): NewNotice {
  const rule = DEADLINE_RULES[limit.rule];
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
      subject: `Reminder: ${limit.rule} is due ${when} (${limit.dueDate})`,
      docketNumber: limit.docketNumber,
      disputeId: limit.disputeId,
      lines: [
        `${limit.docketNumber}, ${limit.disputeTitle}: the time limit ${limit.rule} (${rule.article}) binds your member and is due on ${limit.dueDate}.`,
        rule.description,
        `It runs out at {due}, the end of ${limit.dueDate} where the body sits (${bodyTimeZone()}).`,
        `If it runs out: ${rule.onExpiry}`,
      ],
      dates: { due: endsAt.toISOString() },
      deadlineId: limit.id,
      rule: limit.rule,
      daysBefore: days,
    },
  };
}

function overdueNotice(limit: DeadlineToRemind, userId: string): NewNotice {
  const rule = DEADLINE_RULES[limit.rule];
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
      subject: `Overdue: ${limit.rule} in ${limit.docketNumber} was due on ${limit.dueDate}`,
      docketNumber: limit.docketNumber,
      disputeId: limit.disputeId,
      lines: [
        `${limit.docketNumber}, ${limit.disputeTitle}: the time limit ${limit.rule} (${rule.article}) ran out on ${limit.dueDate} without its act; it was recorded missed at {missedAt}.`,
        `It binds ${rule.binds.toLowerCase().replace(/_/g, ' ')}. ${rule.onExpiry}`,
      ],
      dates: { missedAt: (limit.closedAt ?? limit.openedAt).toISOString() },
      deadlineId: limit.id,
      rule: limit.rule,
    },
  };
}
