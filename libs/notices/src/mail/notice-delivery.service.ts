import { Injectable, Logger } from '@nestjs/common';
import { Actor, AppConfig, Clock, CommandRunner, UsersService, badInput, notFound, requireRole, type UserEntity } from '@app/core';
import { DeadlinesService, type EntryServed } from '@app/registry';
import { DataSource, EntityManager, In } from 'typeorm';
import { NoticePreferenceEntity } from '../notices/notice-preference.entity';
import { NoticeEntity } from '../notices/notice.entity';
import { MAX_REFUSED_ATTEMPTS, backoffMs, classifySendError, type SendFailure } from './backoff';
import { MailTransport, mailDomain } from './mail-transport';
import { messageIdFor, renderDigest, renderNotice, type MailRecipient } from './templates';

/** Notices claimed per round: small, so that a claim is short and a crash leaves few to resend. */
const BATCH = 20;
/** A digest gathers at most this many notices (the rest go in the next one). */
const DIGEST_MAX = 100;
/** How long a claim keeps other workers off a notice while its mail is sent. */
const CLAIM_MS = 5 * 60_000;
/** Mails in flight at once (the transport pools its connections). */
const CONCURRENCY = 5;

/**
 * The notices a worker may send: not sent, not given up on, due. Held in one place so that a
 * condition on the recipient's choice (e-mail on or off for the category) is one more `AND` here.
 * A notice whose category the recipient turned off (`email` false) is listed by the API, never mailed.
 */
const DUE = `email AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1`;

/** The rows of an UPDATE … RETURNING: TypeORM answers `[rows, count]` for an UPDATE. */
function updated<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

export interface DeliveryReport {
  /** Notices whose mail the server accepted (served). */
  sent: number;
  /** Notices given up on: refused for good (a bounce), or no address to send to. */
  failed: number;
  /** Notices put back for a later attempt. */
  deferred: number;
}

type Outcome =
  | { ids: string[]; result: 'SENT'; messageId: string }
  | { ids: string[]; result: 'FAILED'; failure: string }
  | { ids: string[]; result: 'DEFERRED'; failure: SendFailure };

/**
 * Sends the notices by e-mail (README, "Notices by e-mail"), from the worker's sweep. At least
 * once: a notice is claimed in a short transaction (its next attempt pushed a few minutes ahead,
 * so no other worker takes it), mailed with no transaction open, and its outcome recorded in one
 * command (audited: the date of service is a fact of the procedure). A crash between the server's
 * acceptance and the record sends it again after the claim runs out, with the same Message-ID
 * (made from the notice id), so the second mail is recognisably the first.
 */
@Injectable()
export class NoticeDelivery {
  private readonly logger = new Logger('Mail');
  private warned = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly commands: CommandRunner,
    private readonly users: UsersService,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly deadlines: DeadlinesService,
  ) {}

  /** Sends what is due, round after round, until nothing is due, the server cannot be reached, or `maxRounds`. */
  async deliverDue(options: { maxRounds?: number } = {}): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0, deferred: 0 };
    if (!this.transport.configured) {
      if (!this.warned) this.logger.warn('SMTP_URL is not set: notices are kept and not mailed until it is');
      this.warned = true;
      return report;
    }
    const maxRounds = options.maxRounds ?? 50;
    for (let round = 0; round < maxRounds; round += 1) {
      const claimed = await this.claim();
      if (!claimed.length) break;
      const outcomes = await this.send(claimed);
      const recorded = await this.record(outcomes);
      report.sent += recorded.sent;
      report.failed += recorded.failed;
      report.deferred += recorded.deferred;
      // The server is down: the rest waits for the next sweep rather than failing one by one.
      if (outcomes.some((o) => o.result === 'DEFERRED' && o.failure.kind === 'UNREACHABLE')) break;
      if (claimed.length < BATCH) break;
    }
    return report;
  }

  /**
   * Records a bounce that came back after the server had accepted the mail (a delivery status
   * notification, read by the secretariat or its mail system): every notice sent with that
   * Message-ID is marked failed with the reason and keeps its `sentAt`, so the docket's proof of
   * service no longer counts it. Returns the ids of the notices marked (none when already marked).
   */
  async recordBounce(actor: Actor | null, messageId: string, reason: string): Promise<string[]> {
    requireRole(actor, 'SECRETARIAT');
    const id = messageId.trim();
    const why = reason.trim();
    if (!/^<[^<>\s]+@[^<>\s]+>$/.test(id) || id.length > 300) {
      throw badInput(
        'messageId',
        'messageId must be a Message-ID as the mail carried it, e.g. <3f2a…@dsb.example.org>',
        'INVALID_MESSAGE_ID',
      );
    }
    if (why.length < 1 || why.length > 1000) throw badInput('reason', 'reason must be 1 to 1000 characters', 'INVALID_BOUNCE_REASON');
    return this.commands.run({ actor, operation: 'recordMailBounce' }, async (ctx) => {
      const known: { n: number }[] = await ctx.em.query('SELECT count(*)::int AS n FROM notices WHERE message_id = $1', [id]);
      if (!known[0].n) throw notFound('Mail', id, 'MAIL_NOT_FOUND');
      const rows = updated<{ id: string }>(
        await ctx.em.query(`UPDATE notices SET failed_at = $3, failure = $2 WHERE message_id = $1 AND failed_at IS NULL RETURNING id`, [
          id,
          `bounced: ${why}`,
          ctx.now,
        ]),
      );
      ctx.target('Mail', id, { reason: why, notices: rows.map((r) => r.id) });
      return rows.map((r) => r.id);
    });
  }

  /** Claims a batch, and with each digest notice the recipient's other due digest notices. */
  private async claim(): Promise<NoticeEntity[]> {
    return this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const until = new Date(now.getTime() + CLAIM_MS);
      const first = updated<{ id: string; recipient_user_id: string; digest: boolean }>(
        await em.query(
          `WITH due AS (SELECT id FROM notices WHERE ${DUE} ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE notices n SET next_attempt_at = $3 FROM due WHERE n.id = due.id RETURNING n.id, n.recipient_user_id, n.digest`,
          [now, BATCH, until],
        ),
      );
      const ids = first.map((r) => r.id);
      const digestRecipients = [...new Set(first.filter((r) => r.digest).map((r) => r.recipient_user_id))];
      if (digestRecipients.length) {
        const more = updated<{ id: string }>(
          await em.query(
            `WITH due AS (SELECT id FROM notices WHERE ${DUE} AND digest AND recipient_user_id = ANY($2::uuid[])
                         ORDER BY created_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
           UPDATE notices n SET next_attempt_at = $3 FROM due WHERE n.id = due.id RETURNING n.id`,
            [now, digestRecipients, until, DIGEST_MAX * digestRecipients.length],
          ),
        );
        ids.push(...more.map((r) => r.id));
      }
      if (!ids.length) return [];
      return em.getRepository(NoticeEntity).find({ where: { id: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
    });
  }

  private async send(notices: NoticeEntity[]): Promise<Outcome[]> {
    const em = this.dataSource.manager;
    const recipientIds = [...new Set(notices.map((n) => n.recipientUserId))];
    const [users, preferences] = await Promise.all([
      this.users.byIds(em, recipientIds),
      em.getRepository(NoticePreferenceEntity).findBy({ userId: In(recipientIds) }),
    ]);
    const userById = new Map(users.map((u) => [u.id, u]));
    const prefById = new Map(preferences.map((p) => [p.userId, p]));
    // One mail per notice, but one per recipient for the notices held for a digest.
    const groups: NoticeEntity[][] = [];
    const digests = new Map<string, NoticeEntity[]>();
    for (const notice of notices) {
      if (!notice.digest) groups.push([notice]);
      else {
        const group = digests.get(notice.recipientUserId) ?? [];
        if (!digests.has(notice.recipientUserId)) groups.push(group);
        digests.set(notice.recipientUserId, group);
        if (group.length < DIGEST_MAX) group.push(notice);
      }
    }
    const outcomes: Outcome[] = [];
    let next = 0;
    const workers = Array.from({ length: Math.min(CONCURRENCY, groups.length) }, async () => {
      while (next < groups.length) {
        const group = groups[next++];
        outcomes.push(await this.sendGroup(group, userById.get(group[0].recipientUserId), prefById.get(group[0].recipientUserId)));
      }
    });
    await Promise.all(workers);
    // Notices of a digest beyond its size were claimed but not sent: they go back as they were.
    const sent = new Set(groups.flat().map((n) => n.id));
    const left = notices.filter((n) => !sent.has(n.id)).map((n) => n.id);
    if (left.length) outcomes.push({ ids: left, result: 'DEFERRED', failure: { kind: 'REFUSED', reason: 'digest full' } });
    return outcomes;
  }

  private async sendGroup(group: NoticeEntity[], user: UserEntity | undefined, pref: NoticePreferenceEntity | undefined): Promise<Outcome> {
    const ids = group.map((n) => n.id);
    if (!user) return { ids, result: 'FAILED', failure: 'the recipient has no account' };
    if (!user.active) return { ids, result: 'FAILED', failure: 'the recipient’s account is deactivated' };
    const recipient: MailRecipient = {
      email: user.email,
      displayName: user.displayName,
      timeZone: pref?.timeZone ?? this.config.BODY_TIME_ZONE,
      locale: pref?.locale ?? 'en',
    };
    const settings = { publicUrl: this.config.publicUrl, messageIdHost: mailDomain(this.config.MAIL_FROM), sandbox: this.config.SANDBOX };
    const mail =
      group.length === 1 && !group[0].digest ? renderNotice(group[0], recipient, settings) : renderDigest(group, recipient, settings);
    const messageId = messageIdFor(ids, settings.messageIdHost);
    try {
      await this.transport.send({ ...mail, to: { name: user.displayName, address: user.email }, messageId, noticeIds: ids });
      return { ids, result: 'SENT', messageId };
    } catch (error) {
      const failure = classifySendError(error);
      if (failure.kind === 'PERMANENT') return { ids, result: 'FAILED', failure: failure.reason };
      return { ids, result: 'DEFERRED', failure };
    }
  }

  /**
   * Of the docket entries just served on members' delegates, those served on the member for the
   * first time now (no delegate of that member had been served with the entry before): one
   * statement, for the whole round.
   */
  private async firstServices(
    em: EntityManager,
    pairs: readonly { docket_entry_id: string; member_id: string }[],
    now: Date,
  ): Promise<EntryServed[]> {
    if (!pairs.length) return [];
    const rows: { dispute_id: string; docket_entry_id: string; member_id: string; first: Date }[] = await em.query(
      `SELECT n.dispute_id, n.docket_entry_id, n.member_id, MIN(n.sent_at) AS first
         FROM notices n JOIN unnest($1::uuid[], $2::uuid[]) AS p(entry_id, member_id)
              ON n.docket_entry_id = p.entry_id AND n.member_id = p.member_id
        WHERE n.sent_at IS NOT NULL
        GROUP BY n.dispute_id, n.docket_entry_id, n.member_id`,
      [pairs.map((p) => p.docket_entry_id), pairs.map((p) => p.member_id)],
    );
    return rows
      .filter((r) => r.dispute_id && new Date(r.first).getTime() === now.getTime())
      .map((r) => ({ disputeId: r.dispute_id, docketEntryId: r.docket_entry_id, memberId: r.member_id, servedAt: new Date(r.first) }));
  }

  /** The outcomes of a round, in one command: served, given up on, or put back with a backoff. */
  private async record(outcomes: Outcome[]): Promise<DeliveryReport> {
    return this.commands.run({ actor: null, operation: 'deliverNotices' }, async (ctx) => {
      const served: string[] = [];
      const failed: string[] = [];
      const servedOnMembers: { docket_entry_id: string; member_id: string }[] = [];
      let deferred = 0;
      for (const o of outcomes) {
        if (o.result === 'SENT') {
          // The date of service is when the server accepted the mail (this command's "now").
          const rows = updated<{ docket_entry_id: string | null; member_id: string | null }>(
            await ctx.em.query(
              `UPDATE notices SET sent_at = $2, message_id = $3, attempts = attempts + 1, last_error = NULL
                WHERE id = ANY($1::uuid[]) AND sent_at IS NULL AND failed_at IS NULL
                RETURNING docket_entry_id, member_id`,
              [o.ids, ctx.now, o.messageId],
            ),
          );
          for (const r of rows)
            if (r.docket_entry_id && r.member_id) servedOnMembers.push({ docket_entry_id: r.docket_entry_id, member_id: r.member_id });
          served.push(...o.ids);
        } else if (o.result === 'FAILED') {
          await ctx.em.query(
            `UPDATE notices SET failed_at = $2, failure = $3, attempts = attempts + 1, last_error = $3
              WHERE id = ANY($1::uuid[]) AND sent_at IS NULL AND failed_at IS NULL`,
            [o.ids, ctx.now, o.failure],
          );
          failed.push(...o.ids);
        } else if (o.failure.reason === 'digest full') {
          await ctx.em.query(`UPDATE notices SET next_attempt_at = $2 WHERE id = ANY($1::uuid[]) AND sent_at IS NULL`, [o.ids, ctx.now]);
          deferred += o.ids.length;
        } else {
          // Each notice backs off from its own count; refused too often by the server, it is given up on.
          const rows = updated<{ id: string; failed: boolean }>(
            await ctx.em.query(
              `UPDATE notices SET attempts = attempts + 1, last_error = $3,
                    failed_at = CASE WHEN $4 AND attempts + 1 >= $5 THEN $2::timestamptz END,
                    failure = CASE WHEN $4 AND attempts + 1 >= $5 THEN 'gave up after ' || (attempts + 1) || ' refusals: ' || $3 END,
                    next_attempt_at = $2::timestamptz + make_interval(secs => (
                      CASE LEAST(attempts + 1, 5) WHEN 1 THEN $6::int WHEN 2 THEN $7::int WHEN 3 THEN $8::int WHEN 4 THEN $9::int ELSE $10::int END) / 1000.0)
              WHERE id = ANY($1::uuid[]) AND sent_at IS NULL AND failed_at IS NULL
              RETURNING id, failed_at IS NOT NULL AS failed`,
              [o.ids, ctx.now, o.failure.reason, o.failure.kind === 'REFUSED', MAX_REFUSED_ATTEMPTS, ...[1, 2, 3, 4, 5].map(backoffMs)],
            ),
          );
          failed.push(...rows.filter((r) => r.failed).map((r) => r.id));
          deferred += rows.filter((r) => !r.failed).length;
        }
      }
      // Periods counted from receipt (DSU 4.3, 4.7) run from the first service on the party: the
      // registry recounts them in this same transaction (README, "Notices and service").
      const recounted = await this.deadlines.recountFromService(ctx, await this.firstServices(ctx.em, servedOnMembers, ctx.now));
      ctx.target('Notice', served[0] ?? failed[0] ?? outcomes[0].ids[0], {
        served,
        failed,
        deferred,
        ...(recounted.length ? { recounted } : {}),
      });
      return { sent: served.length, failed: failed.length, deferred };
    });
  }
}
