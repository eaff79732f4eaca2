import { Injectable, Logger } from '@nestjs/common';

/** Something that happened in a domain, published after its transaction committed. */
export interface DomainEvent {
  readonly type: string;
}

type Handler = (event: DomainEvent) => Promise<void> | void;

/**
 * In-process publish/subscribe for reactions that flow against the dependency direction (a
 * report adopted opens compliance). Events are published only after the commit, so a handler
 * never sees a change that was rolled back.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly handlers = new Map<string, Handler[]>();

  subscribe<E extends DomainEvent>(type: E['type'], handler: (event: E) => Promise<void> | void) {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as Handler);
    this.handlers.set(type, list);
  }

  async publish(event: DomainEvent): Promise<void> {
    for (const handler of this.handlers.get(event.type) ?? []) {
      try {
        await handler(event);
      } catch (error) {
        // The change is committed; a failing reaction is logged, never undone silently.
        this.logger.error(`Handler for ${event.type} failed`, (error as Error).stack);
      }
    }
  }
}
