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
export type DocketObserver = (ctx: CommandContext, entry: DocketEntryEntity, shared: EntryReads) => Promise<void>;

/**
 * Reads the observers of one entry share (the notices and the webhooks both need the dispute's
 * parties): the first observer's read is the others' too, one round trip instead of one each. Valid
 * for the one entry only (the next entry of the same command may follow a change of the parties);
 * what it answers is shared, so no observer may change it.
 */
export interface EntryReads {
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** For a caller outside DocketObservers.notify (one observer, nothing to share). */
export const UNSHARED_READS: EntryReads = { once: (_key, read) => read() };

function entryReads(): EntryReads {
  const done = new Map<string, Promise<unknown>>();
  return {
    once<T>(key: string, read: () => Promise<T>): Promise<T> {
      let found = done.get(key) as Promise<T> | undefined;
      if (!found) {
        found = read();
        done.set(key, found);
      }
      return found;
    },
  };
}

@Injectable()
export class DocketObservers {
  private readonly observers: DocketObserver[] = [];

  register(observer: DocketObserver): void {
    this.observers.push(observer);
  }

  async notify(ctx: CommandContext, entry: DocketEntryEntity): Promise<void> {
    const shared = entryReads();
    for (const observer of this.observers) await observer(ctx, entry, shared);
  }
}
