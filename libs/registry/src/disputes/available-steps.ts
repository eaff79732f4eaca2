import { Injectable } from '@nestjs/common';
import type { Actor, RequestLoaders } from '@app/core';
import type { ActorRole, AllowedActions, IsoDate } from '@app/procedure';
import type { DisputeEntity } from './dispute.entity';

/** A step of the procedure a user can take, and the mutation that takes it. */
export interface AvailableStep {
  /** The step, named as the engine names it, or as the module does (objectToAdoption, castBallot). */
  readonly action: string;
  /** The GraphQL mutation that takes it. */
  readonly mutation: string;
}

/** A step that becomes possible later, with the date when a date decides it. */
export interface LaterStep extends AvailableStep {
  readonly allowedFrom?: IsoDate;
  readonly reason: string;
}

export interface AvailableSteps {
  readonly now: readonly AvailableStep[];
  readonly later: readonly LaterStep[];
}

/** What a module needs to tell a user's steps in a dispute. */
export interface StepQuery {
  readonly actor: Actor;
  readonly dispute: DisputeEntity;
  /** The user's roles in the dispute, as the engine sees them. */
  readonly roles: readonly ActorRole[];
  /** What the engine allows these roles now and later (inputs unchecked). */
  readonly engine: AllowedActions;
  readonly loaders: RequestLoaders;
  readonly now: Date;
}

/** A module's steps: those of the engine it takes through its own mutations, and its own acts. */
export type StepProvider = (query: StepQuery) => Promise<AvailableSteps>;

/**
 * `dispute.allowedActions` lists exactly the steps a user can take, each with its mutation. The
 * registry knows the engine's steps taken through `takeAction`; the modules built on it take the
 * others through their own mutations, with their own conditions (a draft approved by a majority,
 * an election past its closing time, an objection not yet made), so they register here, as they
 * do for changes of stage.
 */
@Injectable()
export class StepProviders {
  private readonly providers: StepProvider[] = [];

  register(provider: StepProvider): void {
    this.providers.push(provider);
  }

  async collect(query: StepQuery, own: AvailableSteps): Promise<AvailableSteps> {
    const all = [own, ...(await Promise.all(this.providers.map((provider) => provider(query))))];
    const byName = (a: AvailableStep, b: AvailableStep) => a.mutation.localeCompare(b.mutation) || a.action.localeCompare(b.action);
    return {
      now: all.flatMap((steps) => steps.now).sort(byName),
      later: all.flatMap((steps) => steps.later).sort(byName),
    };
  }
}

/**
 * The engine's steps a module takes through one of its mutations: those the engine allows now,
 * and those it allows later, named with that mutation.
 */
export function engineSteps(engine: AllowedActions, actions: Readonly<Partial<Record<string, string>>>): AvailableSteps {
  return {
    now: engine.now.filter((action) => actions[action]).map((action) => ({ action, mutation: actions[action] as string })),
    later: engine.later.filter((later) => actions[later.action]).map((later) => ({ ...later, mutation: actions[later.action] as string })),
  };
}
