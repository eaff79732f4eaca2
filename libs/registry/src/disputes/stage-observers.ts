import { Injectable } from '@nestjs/common';
import { CommandContext } from '@app/core';
import type { DisputeEntity } from './dispute.entity';

/**
 * What another module does when a dispute changes stage, inside the step's own command (the
 * dispute locked, one transaction, one audit record): the registry does not know the modules
 * built on it, so they register here.
 */
export type StageObserver = (ctx: CommandContext, change: StageChange) => Promise<void>;

export interface StageChange {
  dispute: DisputeEntity;
  from: string;
  to: string;
  /** The docket role of the step that moved it. */
  role: string;
}

@Injectable()
export class StageObservers {
  private readonly observers: StageObserver[] = [];

  register(observer: StageObserver): void {
    this.observers.push(observer);
  }

  async notify(ctx: CommandContext, change: StageChange): Promise<void> {
    for (const observer of this.observers) await observer(ctx, change);
  }
}
