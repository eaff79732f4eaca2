import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { Clock } from '../clock/clock';
import { translateDatabaseError } from './pg-errors';
import { advancePublicReadVersion } from './public-read-version';

export interface CommandMeta {
  /** The signed-in user, or null for the system (worker, start-up). */
  actor: Actor | null;
  /** The GraphQL mutation or job name, as it appears in the audit trail. */
  operation: string;
  /**
   * False only for a command that writes nothing an anonymous reader could see (a sign-in's
   * tokens): it leaves the public data's version alone, so it does not empty the cache of public
   * answers (README, "Public reads from a cache"). Every other command advances it.
   */
  publicData?: false;
}

/** What a command body gets: its transaction, its "now", and ways to record what it did. */
export interface CommandContext {
  readonly em: EntityManager;
  readonly now: Date;
  readonly actor: Actor | null;
  /** Names the record the command acted on, for the audit trail. */
  target(type: string, id: string, details?: Record<string, unknown>): void;
}

/**
 * The unit of work of every state change: one transaction, one "now" from the clock, one audit
 * record appended last (so the chain lock is held only briefly). A command that throws leaves
 * nothing behind: no rows, no audit record, no queued notice. Reactions of other modules run
 * inside the same transaction (the registry's StageObservers), and work for the world outside
 * (notices, e-mail) is queued as rows of the same transaction, so a reaction is never lost after a
 * commit and never seen without one.
 */
@Injectable()
export class CommandRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run<T>(meta: CommandMeta, body: (ctx: CommandContext) => Promise<T>): Promise<T> {
    const now = this.clock.now();
    let result: T;
    try {
      result = await this.dataSource.transaction(async (em) => {
        let target: { type: string; id: string; details?: Record<string, unknown> } | null = null;
        const ctx: CommandContext = {
          em,
          now,
          actor: meta.actor,
          target: (type, id, details) => {
            target = { type, id, details };
          },
        };
        const value = await body(ctx);
        const named = target as { type: string; id: string; details?: Record<string, unknown> } | null;
        await this.audit.append(em, {
          actor: meta.actor,
          operation: meta.operation,
          targetType: named?.type ?? null,
          targetId: named?.id ?? null,
          details: named?.details ?? {},
          at: now,
        });
        // Last, like the audit record: the version's row stays locked until the commit.
        if (meta.publicData !== false) await advancePublicReadVersion(em);
        return value;
      });
    } catch (error) {
      throw translateDatabaseError(error);
    }
    return result;
  }

  /** A read in one consistent snapshot, for queries that must not see a half-made change. */
  async read<T>(body: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', body);
  }
}
