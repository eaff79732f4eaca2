import { Injectable } from '@nestjs/common';
import { Actor, CommandRunner, badInput, requireActor } from '@app/core';
import type { Language } from '@app/i18n';
import { isTimeZone } from '@app/procedure';
import { DataSource, EntityManager, In } from 'typeorm';
import { NoticePreferenceEntity } from './notice-preference.entity';
import { NOTICE_CATEGORIES, type NoticeCategory } from './notice.entity';
import { NOTICE_LOCALES, type NoticeLocale } from './notice-rules';
import { noticeLanguage } from './notice-language';

/** A change of one's preferences: what is left out stays as it is; `null` clears a time zone or a language. */
export interface PreferencesChange {
  emailOff?: NoticeCategory[];
  digest?: boolean;
  digestHour?: number;
  timeZone?: string | null;
  locale?: string | null;
}

const DEFAULT_DIGEST_HOUR = 7;

/** How each user wants to be told (README, "Notices and service"); mandatory service ignores it. */
@Injectable()
export class NoticePreferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
  ) {}

  /** The caller's preferences; the defaults (every category by e-mail at once) when never set. */
  async get(actor: Actor | null): Promise<NoticePreferenceEntity> {
    const me = requireActor(actor);
    const row = await this.dataSource.getRepository(NoticePreferenceEntity).findOneBy({ userId: me.userId });
    return row ?? defaults(me.userId);
  }

  /**
   * The language of each user's notices (one query): their `locale`, English for a user without
   * one. Notices are written in it, in the transaction of the step they announce.
   */
  async languagesOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, Language>> {
    const unique = [...new Set(userIds)];
    const chosen = await this.preferencesOf(em, unique);
    return new Map(unique.map((id) => [id, noticeLanguage(chosen.get(id)?.locale)]));
  }

  /**
   * The preferences these users saved (one query; a user who saved none is left out): the docket's
   * notices read them once, for each recipient's language, and hand them to `NoticesService.enqueue`
   * for the categories turned off and the digest, which would otherwise read them again.
   */
  async preferencesOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, NoticePreferenceEntity>> {
    if (!userIds.length) return new Map();
    const rows = await em.getRepository(NoticePreferenceEntity).findBy({ userId: In([...new Set(userIds)]) });
    return new Map(rows.map((r) => [r.userId, r]));
  }

  /** The time zones users chose (one query); a user without one is left out (the body's zone applies). */
  async timeZonesOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows = await em.getRepository(NoticePreferenceEntity).findBy({ userId: In([...new Set(userIds)]) });
    return new Map(rows.filter((r) => r.timeZone).map((r) => [r.userId, r.timeZone as string]));
  }

  /**
   * The distinct time zones users chose, each with its digest hour where the user takes a digest
   * (null otherwise), at most `limit`: where reminders and digests fall due each day.
   */
  zonesAndDigestHours(limit: number): Promise<{ zone: string; digestHour: number | null }[]> {
    return this.dataSource
      .getRepository(NoticePreferenceEntity)
      .createQueryBuilder('p')
      .select('p.timeZone', 'zone')
      .addSelect('CASE WHEN p.digest THEN p.digestHour END', 'digestHour')
      .distinct(true)
      .where('p.timeZone IS NOT NULL')
      .limit(limit)
      .getRawMany<{ zone: string; digestHour: number | null }>();
  }

  update(actor: Actor | null, change: PreferencesChange): Promise<NoticePreferenceEntity> {
    const me = requireActor(actor);
    const timeZone = change.timeZone === undefined || change.timeZone === null ? change.timeZone : canonicalZone(change.timeZone);
    if (change.digestHour !== undefined && !(Number.isInteger(change.digestHour) && change.digestHour >= 0 && change.digestHour <= 23)) {
      throw badInput('input.digestHour', `digestHour must be a whole hour from 0 to 23 (got ${change.digestHour})`, 'INVALID_DIGEST_HOUR');
    }
    if (change.locale != null && !NOTICE_LOCALES.includes(change.locale as NoticeLocale)) {
      throw badInput('input.locale', `locale must be one of ${NOTICE_LOCALES.join(', ')} (got ${change.locale})`, 'UNKNOWN_LOCALE');
    }
    const emailOff = change.emailOff && NOTICE_CATEGORIES.filter((c) => change.emailOff!.includes(c));
    return this.commands.run({ actor, operation: 'updateNoticePreferences' }, async (ctx) => {
      const repo = ctx.em.getRepository(NoticePreferenceEntity);
      const current = (await repo.findOne({ where: { userId: me.userId }, lock: { mode: 'pessimistic_write' } })) ?? defaults(me.userId);
      const next: NoticePreferenceEntity = Object.assign(current, {
        ...(emailOff !== undefined ? { emailOff } : {}),
        ...(change.digest !== undefined ? { digest: change.digest } : {}),
        ...(change.digestHour !== undefined ? { digestHour: change.digestHour } : {}),
        ...(timeZone !== undefined ? { timeZone } : {}),
        ...(change.locale !== undefined ? { locale: change.locale } : {}),
        updatedAt: ctx.now,
      });
      await repo.save(next);
      ctx.target('NoticePreferences', me.userId, {
        emailOff: next.emailOff,
        digest: next.digest,
        digestHour: next.digestHour,
        timeZone: next.timeZone,
        locale: next.locale,
      });
      return next;
    });
  }
}

function defaults(userId: string): NoticePreferenceEntity {
  return Object.assign(new NoticePreferenceEntity(), {
    userId,
    emailOff: [],
    digest: false,
    digestHour: DEFAULT_DIGEST_HOUR,
    timeZone: null,
    locale: null,
    updatedAt: new Date(0),
  });
}

/** The zone's canonical IANA name, or BAD_USER_INPUT: a name the runtime does not know cannot place an hour. */
function canonicalZone(zone: string): string {
  // Names only (Europe/Geneva, UTC): not offsets or abbreviations, which say nothing of summer time.
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) || !isTimeZone(zone)) {
    throw badInput('input.timeZone', `${zone} is not an IANA time zone name (e.g. Europe/Geneva)`, 'UNKNOWN_TIME_ZONE');
  }
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}
