import { Injectable } from '@nestjs/common';
import {
  Actor,
  AppConfig,
  CommandContext,
  CommandRunner,
  ConnectionArgs,
  MembersService,
  Page,
  RequestLoaders,
  keysetPage,
  notFound,
  requireActor,
} from '@app/core';
import { DisputesService, PanelSeatsService } from '@app/registry';
import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { NoticePreferenceEntity } from './notice-preference.entity';
import { NoticeEntity } from './notice.entity';
import { nextLocalHour, type NoticeDraft } from './notice-rules';

/** Service of one docket entry on one member: when its delegates were first served and first acknowledged. */
export interface ServiceOnMember {
  memberId: string;
  memberCode: string;
  servedAt: Date | null;
  acknowledgedAt: Date | null;
}

/** A docket entry to read the proof of service of, with its dispute (who may read it depends on the dispute). */
export interface EntryRef {
  entryId: string;
  disputeId: string;
}

/**
 * The notices: the one writer of `notices` rows (`enqueue`, in the caller's transaction), and what
 * the API reads of them: a user's notices, their acknowledgement, a docket entry's proof of service.
 */
@Injectable()
export class NoticesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly config: AppConfig,
    private readonly members: MembersService,
    private readonly disputes: DisputesService,
    private readonly seats: PanelSeatsService,
  ) {}

  /**
   * Writes notices in the caller's transaction, after each recipient's preferences (one query for
   * them all): a mandatory notice is due at once, whatever the preferences (the rules count periods
   * from service, README "Notices and service"); a non-mandatory one of a category the recipient
   * turned off is written unmailed (listed in the API only), one of a recipient who takes a digest
   * is due at the digest's next hour in the recipient's time zone (the body's when none). A draft
   * whose `dedupeKey` exists already is dropped. Answers the ids written. A caller that read the
   * recipients' preferences already (`NoticePreferencesService.preferencesOf`, every recipient's)
   * hands them over, and they are not read again.
   */
  async enqueue(
    ctx: CommandContext,
    drafts: readonly NoticeDraft[],
    preferences?: ReadonlyMap<string, NoticePreferenceEntity>,
  ): Promise<string[]> {
    if (!drafts.length) return [];
    const prefOf =
      preferences ??
      new Map(
        (
          await ctx.em
            .getRepository(NoticePreferenceEntity)
            .findBy({ userId: In([...new Set(drafts.filter((d) => !d.mandatory).map((d) => d.recipientUserId))]) })
        ).map((p) => [p.userId, p]),
      );
    const rows = drafts.map((d): QueryDeepPartialEntity<NoticeEntity> => {
      const pref = d.mandatory ? undefined : prefOf.get(d.recipientUserId);
      const email = !pref || !pref.emailOff.includes(d.category);
      const digest = !!pref && pref.digest && email;
      return {
        recipientUserId: d.recipientUserId,
        memberId: d.memberId,
        disputeId: d.disputeId,
        docketEntryId: d.docketEntryId,
        category: d.category,
        kind: d.kind,
        mandatory: d.mandatory,
        email,
        digest,
        // jsonb: TypeORM serialises the object as it is.
        payload: d.payload as unknown as QueryDeepPartialEntity<Record<string, unknown>>,
        createdAt: ctx.now,
        nextAttemptAt: digest ? nextLocalHour(ctx.now, pref!.digestHour, pref!.timeZone ?? this.config.BODY_TIME_ZONE) : ctx.now,
        dedupeKey: d.dedupeKey ?? null,
      };
    });
    // ON CONFLICT DO NOTHING: the only unique constraint besides the id is the dedupe key.
    const result = await ctx.em.createQueryBuilder().insert().into(NoticeEntity).values(rows).orIgnore().returning(['id']).execute();
    return (result.raw as { id: string }[]).map((r) => r.id);
  }

  /**
   * Which of these dedupe keys are written already (one query): a writer of keyed notices from a
   * sweep skips those, so that a sweep with nothing new runs no command and leaves no audit record.
   */
  async existingDedupeKeys(keys: readonly string[], em: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows: { dedupe_key: string }[] = await em.query('SELECT dedupe_key FROM notices WHERE dedupe_key = ANY($1::text[])', [[...keys]]);
    return new Set(rows.map((r) => r.dedupe_key));
  }

  /**
   * When a docket entry was served on a member: the first time the mail server accepted a notice of
   * it to one of the member's delegates; null while none was. A period the rules count from
   * notification (e.g. DSU 4.3, from receipt of the request) can count from this date.
   */
  async servedOn(
    disputeId: string,
    docketEntryId: string,
    memberId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Date | null> {
    const row = await em
      .getRepository(NoticeEntity)
      .createQueryBuilder('n')
      .select('MIN(n.sent_at)', 'servedAt')
      .where('n.dispute_id = :disputeId AND n.docket_entry_id = :docketEntryId AND n.member_id = :memberId', {
        disputeId,
        docketEntryId,
        memberId,
      })
      .getRawOne<{ servedAt: Date | null }>();
    return row?.servedAt ?? null;
  }

  /** The caller's notices, newest first; only those not yet acknowledged if asked. */
  list(actor: Actor | null, args: ConnectionArgs & { unacknowledgedOnly?: boolean }): Promise<Page<NoticeEntity>> {
    const me = requireActor(actor);
    const qb = this.dataSource.getRepository(NoticeEntity).createQueryBuilder('n').where('n.recipient_user_id = :me', { me: me.userId });
    if (args.unacknowledgedOnly) qb.andWhere('n.acknowledged_at IS NULL');
    return keysetPage(
      qb,
      args,
      { sortExpression: 'n.created_at', alias: 'n', sortValue: (n) => n.createdAt.toISOString(), direction: 'DESC' },
      (n) => n,
    );
  }

  /**
   * The recipient acknowledges receipt; a second acknowledgement keeps the first time. Anyone
   * else's notice does not exist for the caller. It is recorded in the audit trail, not on the
   * docket: a docket entry would itself be served on everyone, with notices to acknowledge in turn.
   */
  acknowledge(actor: Actor | null, noticeId: string): Promise<NoticeEntity> {
    const me = requireActor(actor);
    return this.commands.run({ actor, operation: 'acknowledgeService' }, async (ctx) => {
      const repo = ctx.em.getRepository(NoticeEntity);
      const notice = isUUID(noticeId)
        ? await repo.findOne({ where: { id: noticeId, recipientUserId: me.userId }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!notice) throw notFound('Notice', noticeId, 'NOTICE_NOT_FOUND');
      const first = notice.acknowledgedAt === null;
      if (first) {
        notice.acknowledgedAt = ctx.now;
        await repo.update({ id: notice.id }, { acknowledgedAt: ctx.now });
      }
      ctx.target('Notice', notice.id, { docketEntryId: notice.docketEntryId, disputeId: notice.disputeId, first });
      return notice;
    });
  }

  /**
   * The proof of service of docket entries, per member served, batched per request: one query for
   * the caller's standing, one for the notices, one for the members' codes. Only the secretariat,
   * the parties and the seated panel of the entry's dispute read it; others get an empty list.
   */
  serviceLoader(actor: Actor | null, loaders: RequestLoaders): DataLoader<EntryRef, ServiceOnMember[], string> {
    return loaders.get(
      'notices.serviceOfEntry',
      () =>
        new DataLoader<EntryRef, ServiceOnMember[], string>(
          async (refs) => {
            const disputeIds = [...new Set(refs.map((r) => r.disputeId))];
            const parties = (await this.disputes.partiesLoader(loaders).loadMany(disputeIds)).flatMap((p) => (p instanceof Error ? [] : p));
            const readable = await this.disputesReadableBy(actor, disputeIds, parties);
            const entryIds = refs.filter((r) => readable.has(r.disputeId)).map((r) => r.entryId);
            if (!entryIds.length) return refs.map(() => []);
            const rows: { entryId: string; memberId: string; servedAt: Date | null; acknowledgedAt: Date | null }[] = await this.dataSource
              .getRepository(NoticeEntity)
              .createQueryBuilder('n')
              .select('n.docket_entry_id', 'entryId')
              .addSelect('n.member_id', 'memberId')
              .addSelect('MIN(n.sent_at)', 'servedAt')
              .addSelect('MIN(n.acknowledged_at)', 'acknowledgedAt')
              .where('n.docket_entry_id IN (:...entryIds) AND n.member_id IS NOT NULL', { entryIds })
              .groupBy('n.docket_entry_id')
              .addGroupBy('n.member_id')
              .getRawMany();
            // The members served are the disputes' parties and third parties; a member that has
            // since left the dispute's parties (none today) is read from core.
            const codes = new Map(parties.map((p) => [p.memberId, p.member.code]));
            const missing = [...new Set(rows.map((r) => r.memberId))].filter((id) => !codes.has(id));
            for (const m of await this.members.byIds(this.dataSource.manager, missing)) codes.set(m.id, m.code);
            return refs.map((ref) =>
              readable.has(ref.disputeId)
                ? rows
                    .filter((r) => r.entryId === ref.entryId)
                    .map((r) => ({
                      memberId: r.memberId,
                      memberCode: codes.get(r.memberId) ?? r.memberId,
                      servedAt: r.servedAt,
                      acknowledgedAt: r.acknowledgedAt,
                    }))
                    .sort((a, b) => a.memberCode.localeCompare(b.memberCode))
                : [],
            );
          },
          { cacheKeyFn: (ref) => ref.entryId },
        ),
    );
  }

  /** Of these disputes, those whose proof of service the caller reads: the secretariat's, its member's as a party, its panel's. */
  private async disputesReadableBy(
    actor: Actor | null,
    disputeIds: readonly string[],
    parties: readonly { disputeId: string; memberId: string; kind: string }[],
  ): Promise<Set<string>> {
    if (!actor) return new Set();
    if (actor.role === 'SECRETARIAT') return new Set(disputeIds);
    if (actor.role === 'MEMBER_DELEGATE' && actor.memberId) {
      return new Set(
        parties
          .filter((p) => p.memberId === actor.memberId && (p.kind === 'COMPLAINANT' || p.kind === 'RESPONDENT'))
          .map((p) => p.disputeId),
      );
    }
    if (actor.role === 'PANELIST') {
      const seated = new Set(await this.seats.disputesOf(actor.userId));
      return new Set(disputeIds.filter((id) => seated.has(id)));
    }
    return new Set();
  }
}
