import { Injectable } from '@nestjs/common';
import { Actor, CommandContext, CommandRunner, ConnectionArgs, Page, keysetPage, notFound, requireRole } from '@app/core';
import { isUUID } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { DocketEntryEntity } from './docket-entry.entity';
import { DocketObservers } from './docket-observers';
import { DocketParams, renderDocketText } from './docket-text';

export interface DocketAppend {
  disputeId: string;
  /** The capacity in which the actor acted (COMPLAINANT, SECRETARIAT, SYSTEM, …). */
  actorRole: string;
  kind: string;
  /**
   * What happened, as a key of the docket catalogue (libs/i18n/messages/<lang>/docket.json), and
   * its parameters as plain values (see `renderDocketText`): the entry is rendered in each
   * reader's language when read. A confidential or restricted document's title is never a
   * parameter: the docket is public.
   */
  message: string;
  params?: DocketParams;
  documentIds?: string[];
  correctsId?: string | null;
}

/** The docket: every step of a dispute, numbered, dated, never edited. */
@Injectable()
export class DocketService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly observers: DocketObservers,
  ) {}

  /**
   * The docket is never edited: the secretariat corrects an entry by appending one that names
   * the entry it corrects and says what was wrong.
   */
  correct(actor: Actor | null, entryId: string, text: string): Promise<DocketEntryEntity> {
    requireRole(actor, 'SECRETARIAT');
    return this.commands.run({ actor, operation: 'correctDocketEntry' }, async (ctx) => {
      const original = isUUID(entryId) ? await ctx.em.getRepository(DocketEntryEntity).findOneBy({ id: entryId }) : null;
      if (!original) throw notFound('Docket entry', entryId, 'DOCKET_ENTRY_NOT_FOUND');
      // Numbering takes MAX(seq) + 1: hold the dispute's row while appending.
      await ctx.em.query('SELECT id FROM disputes WHERE id = $1 FOR UPDATE', [original.disputeId]);
      const entry = await this.append(ctx, {
        disputeId: original.disputeId,
        actorRole: 'SECRETARIAT',
        kind: 'correction',
        // The secretariat's own words: a parameter shown as written, in every language.
        message: 'docket.correction',
        params: { seq: String(original.seq), text },
        correctsId: original.id,
      });
      ctx.target('DocketEntry', entry.id, { disputeId: original.disputeId, corrects: original.id });
      return entry;
    });
  }

  /**
   * Appends an entry in the command's transaction. The caller holds the dispute's row lock, so
   * the next number is taken without a race (and the unique (dispute, seq) constraint backs it).
   * The modules that react to an entry (notices, webhooks, the live docket) do so here, in the
   * same transaction.
   */
  async append(ctx: CommandContext, entry: DocketAppend): Promise<DocketEntryEntity> {
    const [{ next }] = await ctx.em.query('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM docket_entries WHERE dispute_id = $1', [
      entry.disputeId,
    ]);
    const saved = await ctx.em.getRepository(DocketEntryEntity).save(
      ctx.em.create(DocketEntryEntity, {
        disputeId: entry.disputeId,
        seq: Number(next),
        occurredAt: ctx.now,
        actorId: ctx.actor?.userId ?? null,
        actorRole: entry.actorRole,
        kind: entry.kind,
        text: renderDocketText({ message: entry.message, params: entry.params ?? {} }, 'en'),
        message: entry.message,
        params: entry.params ?? {},
        documentIds: entry.documentIds ?? [],
        correctsId: entry.correctsId ?? null,
      }),
    );
    await this.observers.notify(ctx, saved);
    return saved;
  }

  /** Entries by id, in one query (the live docket loads a batch of notified entries at once). */
  byIds(ids: readonly string[]): Promise<DocketEntryEntity[]> {
    const unique = [...new Set(ids)].filter((id) => isUUID(id));
    if (!unique.length) return Promise.resolve([]);
    return this.dataSource.getRepository(DocketEntryEntity).findBy({ id: In(unique) });
  }

  /**
   * The latest entries, newest first, of one dispute or of all (the public feeds), at most `limit`
   * (1 to 500). `ix_docket_entries_time` serves the list across disputes.
   */
  latest(limit: number, disputeId?: string): Promise<DocketEntryEntity[]> {
    const take = Math.min(Math.max(Math.trunc(limit), 1), 500);
    return this.dataSource.getRepository(DocketEntryEntity).find({
      where: disputeId ? { disputeId } : {},
      order: { occurredAt: 'DESC', seq: 'DESC' },
      take,
    });
  }

  list(disputeId: string, args: ConnectionArgs): Promise<Page<DocketEntryEntity>> {
    const qb = this.dataSource.getRepository(DocketEntryEntity).createQueryBuilder('d').where('d.dispute_id = :disputeId', { disputeId });
    return keysetPage(qb, args, { sortExpression: 'd.seq', alias: 'd', sortValue: (d) => d.seq }, (d) => d);
  }
}
