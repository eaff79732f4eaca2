import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, LocalDateScalar, graphqlEnum } from '@app/core';
import { DEADLINE_RULES, DEADLINE_RULE_CODES, DEADLINE_STATUSES, type DeadlineRuleCode, type DeadlineStatus } from '@app/procedure';
import { DeadlineEntity } from './deadline.entity';

export const DeadlineStatusEnum = graphqlEnum(DEADLINE_STATUSES, 'DeadlineStatus', 'Where a time limit of a dispute stands', {
  OPEN: 'Running (or, with pausedRemainingDays set, stopped by a suspension)',
  MET: 'The awaited act happened in time (or the window or waiting period ran its course)',
  MISSED: 'A deadline ran out before its act, or the act came late: the only status that counts against whom the limit binds',
  EXTENDED:
    'Replaced by a later row: an extension agreed by the parties, or a longer limit that now applies (12 months instead of 9 once a report is appealed, DSU 20)',
  LAPSED: 'A window or waiting period ran its course without its act; nobody owed it. Never an agreement, never a fault',
  SUPERSEDED: 'The case moved on and the limit no longer applies (settled, withdrawn, lapsed, a meeting the panel decided not to hold)',
});
export const DeadlineRuleEnum = graphqlEnum(
  DEADLINE_RULE_CODES,
  'DeadlineRule',
  'A time limit of the procedure (docs/procedure.md §1; the full table is libs/registry/src/procedure/README.md)',
  Object.fromEntries(
    DEADLINE_RULE_CODES.map((code) => [code, `${DEADLINE_RULES[code].description} (${DEADLINE_RULES[code].article})`]),
  ) as Record<DeadlineRuleCode, string>,
);

@ObjectType({ description: 'A time limit of one dispute' })
export class Deadline {
  @Field(() => ID, { description: "The row's id (UUID)" })
  id: string;

  @Field(() => DeadlineRuleEnum, { description: 'Which time limit of the procedure' })
  rule: DeadlineRuleCode;

  @Field({ description: 'The article that sets the limit, e.g. "DSU 4.3"' })
  article: string;

  @Field({ description: 'HARD, or GUIDELINE for a "should" limit' })
  strength: string;

  @Field({ description: 'Who must act: COMPLAINANT, RESPONDENT, PANEL, …' })
  binds: string;

  @Field(() => LocalDateScalar, { description: 'The day it ends, moved past days the body is closed' })
  dueDate: string;

  @Field(() => LocalDateScalar, { description: 'The legal end before moving past closed days' })
  baseDate: string;

  @Field(() => DeadlineStatusEnum, { description: 'Where the limit stands' })
  status: DeadlineStatus;

  @Field(() => Int, { nullable: true, description: 'While the dispute is suspended: the days that were left' })
  pausedRemainingDays: number | null;

  @Field({ description: 'When the step that started the limit was taken (UTC instant)' })
  openedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it stopped being OPEN (UTC instant); null while open' })
  closedAt: Date | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'What the limit is about, when several of its rule may run at once: NON_CONFIDENTIAL_SUMMARY, the submission whose summary is due',
  })
  subjectId: string | null;

  disputeId: string;
}

@ObjectType({ description: 'A page of time limits, soonest due first' })
export class DeadlineConnection extends Connection(Deadline) {}

export function toDeadline(entity: DeadlineEntity): Deadline {
  const rule = DEADLINE_RULES[entity.rule];
  return {
    id: entity.id,
    rule: entity.rule,
    article: rule.article,
    strength: rule.strength,
    binds: rule.binds,
    dueDate: entity.dueDate,
    baseDate: entity.baseDate,
    status: entity.status,
    pausedRemainingDays: entity.pausedRemainingDays,
    openedAt: entity.openedAt,
    closedAt: entity.closedAt,
    subjectId: entity.subjectId,
    disputeId: entity.disputeId,
  };
}
