import { Injectable, Logger } from '@nestjs/common';
import type { DocketEntryEntity } from '@app/registry';

/** What one subscription wants: the entries of one dispute, or of every dispute (null). */
export interface LiveFilter {
  disputeId: string | null;
}

/**
 * How many events wait for one slow subscriber before it is dropped (its stream ends; the client
 * reconnects and re-reads the docket). A subscriber never holds more than this in memory.
 */
export const MAX_QUEUED_EVENTS = 1000;
/** How many subscriptions one API process serves; past it a new one ends at once. */
export const MAX_SUBSCRIPTIONS = 10_000;

interface Subscriber {
  filter: LiveFilter;
  queue: DocketEntryEntity[];
  wake: (() => void) | null;
  done: boolean;
}

/**
 * This process's subscribers of the live docket, and the entries it hands them. In-process only:
 * every API process gets every committed entry from PostgreSQL (LiveDocketListener), so each
 * hands them to its own subscribers and none is missed or doubled across processes.
 */
@Injectable()
export class LiveDocketHub {
  private readonly logger = new Logger('LiveDocket');
  private readonly subscribers = new Set<Subscriber>();

  get size(): number {
    return this.subscribers.size;
  }

  /** Hands the entries (in commit order) to every subscriber whose filter they match. */
  publish(entries: readonly DocketEntryEntity[]): void {
    for (const subscriber of this.subscribers) {
      for (const entry of entries) {
        if (subscriber.filter.disputeId !== null && subscriber.filter.disputeId !== entry.disputeId) continue;
        if (subscriber.queue.length >= MAX_QUEUED_EVENTS) {
          this.logger.warn(`A subscriber fell ${MAX_QUEUED_EVENTS} events behind: its subscription is ended`);
          this.end(subscriber);
          break;
        }
        subscriber.queue.push(entry);
      }
      subscriber.wake?.();
    }
  }

  /** The entries for one subscription, until it is ended (by the client, a drop, or shutdown). */
  subscribe(filter: LiveFilter): AsyncIterableIterator<DocketEntryEntity> {
    const subscriber: Subscriber = { filter, queue: [], wake: null, done: false };
    if (this.subscribers.size >= MAX_SUBSCRIPTIONS) {
      this.logger.warn(`${MAX_SUBSCRIPTIONS} subscriptions already: a new one is ended at once`);
      subscriber.done = true;
    } else {
      this.subscribers.add(subscriber);
    }
    const finish = (): Promise<IteratorResult<DocketEntryEntity>> => {
      this.end(subscriber);
      return Promise.resolve({ value: undefined, done: true });
    };
    const iterator: AsyncIterableIterator<DocketEntryEntity> = {
      next: async () => {
        for (;;) {
          const entry = subscriber.queue.shift();
          if (entry) return { value: entry, done: false };
          if (subscriber.done) return { value: undefined, done: true };
          await new Promise<void>((resolve) => (subscriber.wake = resolve));
          subscriber.wake = null;
        }
      },
      return: finish,
      throw: finish,
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Ends every subscription (the process is shutting down). */
  closeAll(): void {
    for (const subscriber of [...this.subscribers]) this.end(subscriber);
  }

  private end(subscriber: Subscriber): void {
    subscriber.done = true;
    subscriber.queue.length = 0;
    this.subscribers.delete(subscriber);
    subscriber.wake?.();
  }
}
