import { Injectable, OnModuleInit } from '@nestjs/common';
import type { CommandContext } from '@app/core';
import { DocketObservers, type DocketEntryEntity } from '@app/registry';

/** The PostgreSQL channel on which every docket entry is announced at its commit. */
export const LIVE_DOCKET_CHANNEL = 'docket_entries';

/** What a notification carries: enough to load the entry (batched), nothing that is not public. */
export interface LiveDocketNotification {
  id: string;
  disputeId: string;
}

/**
 * Announces every docket entry, of every module and of the worker, on LIVE_DOCKET_CHANNEL, from
 * inside the command's transaction (DocketService.append calls the DocketObservers there).
 *
 * PostgreSQL delivers a NOTIFY only when its transaction commits, and never for one that rolls
 * back: so a live event exists exactly when its entry does, never for a refused or failed step.
 * Every session LISTENing on the channel gets every notification, so every API process (each has
 * its LiveDocketListener) hands every event to its own subscribers, wherever the step was taken.
 * Notifications of one transaction arrive in the order they were sent, transactions in commit order.
 */
@Injectable()
export class LiveDocketNotifier implements OnModuleInit {
  constructor(private readonly observers: DocketObservers) {}

  onModuleInit(): void {
    this.observers.register((ctx, entry) => this.announce(ctx, entry));
  }

  async announce(ctx: CommandContext, entry: DocketEntryEntity): Promise<void> {
    const payload: LiveDocketNotification = { id: entry.id, disputeId: entry.disputeId };
    await ctx.em.query('SELECT pg_notify($1, $2)', [LIVE_DOCKET_CHANNEL, JSON.stringify(payload)]);
  }
}
