import { Injectable } from '@nestjs/common';
import { Clock, CommandContext } from '@app/core';
import { DataSource } from 'typeorm';
import { NoticeChannel } from './notice-channel';
import { OutboxNoticeEntity, type NoticeKind } from './notice.entity';

const BATCH = 100;

/** The outbox of hearing notices: written with the change, delivered by the worker. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly channel: NoticeChannel,
    private readonly clock: Clock,
  ) {}

  /** In the command's transaction, so a notice exists exactly when the change it announces does. */
  async enqueue(
    ctx: CommandContext,
    hearingId: string,
    kind: NoticeKind,
    recipients: readonly string[],
    payload: Record<string, unknown>,
  ): Promise<void> {
    if (!recipients.length) return;
    await ctx.em
      .getRepository(OutboxNoticeEntity)
      .save(
        recipients.map((recipientUserId) =>
          ctx.em.create(OutboxNoticeEntity, { recipientUserId, hearingId, kind, payload, createdAt: ctx.now, deliveredAt: null }),
        ),
      );
  }

  /**
   * Delivers pending notices in batches. SKIP LOCKED lets several workers share the outbox: each
   * takes rows no other holds. A notice whose delivery throws stays pending for the next run.
   */
  async deliverPending(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (em) => {
        const rows = await em
          .getRepository(OutboxNoticeEntity)
          .createQueryBuilder('n')
          .where('n.delivered_at IS NULL')
          .orderBy('n.created_at')
          .addOrderBy('n.id')
          .limit(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        const done: string[] = [];
        for (const row of rows) {
          await this.channel.deliver(row);
          done.push(row.id);
        }
        if (done.length) {
          await em.query('UPDATE outbox_notices SET delivered_at = $1 WHERE id = ANY($2::uuid[])', [this.clock.now(), done]);
        }
        return done.length;
      });
      delivered += n;
      if (n < BATCH) return delivered;
    }
  }
}
