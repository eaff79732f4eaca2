import { Injectable } from '@nestjs/common';
import { CommandContext } from '@app/core';
import type { DocketEntryEntity } from './docket-entry.entity';

/**
 * What another module does when an entry is appended to a docket, inside the command that appends
 * it (the dispute locked, one transaction): the notices served on the parties, the webhook
 * deliveries and the live docket's events exist exactly when the entry does, and a rolled-back
 * step leaves none of them. The same mechanism as `StageObservers`: the registry does not know the
 * modules built on it, so they register here.
 */
export type DocketObserver = (ctx: CommandContext, entry: DocketEntryEntity) => Promise<void>;

@Injectable()
export class DocketObservers {
  private readonly observers: DocketObserver[] = [];

  register(observer: DocketObserver): void {
    this.observers.push(observer);
  }

  async notify(ctx: CommandContext, entry: DocketEntryEntity): Promise<void> {
    for (const observer of this.observers) await observer(ctx, entry);
  }
}
