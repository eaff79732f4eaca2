import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { STAGE_LABELS, type DeadlineRuleCode, type Stage } from '@app/procedure';
import { DeadlineRuleEnum } from '../deadlines/deadline.type';
import { StageEnum } from '../disputes/dto/dispute.input';
import type { ProcedureStatistics, StageFigures } from './statistics-summary';

@ObjectType({ description: 'How many disputes are in a stage now' })
export class StageCount {
  @Field(() => StageEnum, { description: 'The stage counted' })
  stage: Stage;

  @Field({ description: 'The stage in words' })
  label: string;

  @Field(() => Int, { description: 'Disputes in the stage now' })
  count: number;
}

@ObjectType({ description: 'The time disputes spend in a stage, against the limit the rules give it' })
export class StageStatistics {
  @Field(() => StageEnum, { description: 'The stage measured' })
  stage: Stage;

  @Field({ description: 'The stage in words' })
  label: string;

  @Field(() => Int, { description: 'Stays in the stage that ended' })
  completed: number;

  @Field(() => Int, { description: 'Stays still running' })
  ongoing: number;

  @Field(() => Float, { nullable: true, description: 'Median days in the stage, over ended stays and running ones measured to asOf' })
  medianDays: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile of the same days' })
  p90Days: number | null;

  @Field(() => DeadlineRuleEnum, { nullable: true, description: 'The time limit that bounds the stage; null when none does' })
  limitRule: DeadlineRuleCode | null;

  @Field(() => String, { nullable: true, description: 'The article that sets it, e.g. "DSU 12.8"' })
  limitArticle: string | null;

  @Field(() => Int, { nullable: true, description: 'Its length when counted in days (ordinary cases)' })
  limitDays: number | null;

  @Field(() => Int, { nullable: true, description: 'Its length when counted in calendar months (ordinary cases)' })
  limitMonths: number | null;

  @Field(() => Int, { nullable: true, description: 'The shorter length in days in cases of urgency (DSU 4.8)' })
  urgentLimitDays: number | null;

  @Field(() => Int, { nullable: true, description: 'The shorter length in months in cases of urgency (DSU 12.8)' })
  urgentLimitMonths: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Stays past the limit: ended after its due day, or still running after it; null without a dated limit',
  })
  overran: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'overran divided by the ended stays plus the running stays already past the limit (0 to 1); running stays ' +
      'still within the limit are left out. The limit is counted from the day the stage began (day 0), in days or ' +
      "calendar months, moved past closed days, and runs to the end of its due day; both days are the body's, in its " +
      'time zone (query timeZone, BODY_TIME_ZONE), as for every time limit, not UTC days. Null without a dated ' +
      'limit or without a stay to count',
  })
  overranShare: number | null;
}

@ObjectType({ description: 'How many disputes filed in a year are in a stage now' })
export class YearStageCount {
  @Field(() => Int, { description: 'The year of filing, where the body sits' })
  year: number;
  @Field(() => StageEnum, { description: 'The stage they are in now' })
  stage: Stage;
  @Field(() => Int, { description: 'Disputes' })
  count: number;
}

@ObjectType({ description: "The body's published figures on its own performance" })
export class Statistics {
  @Field({ description: 'The moment the figures describe' })
  asOf: Date;

  @Field(() => [StageCount], { description: 'Every stage, with the disputes in it now' })
  disputesPerStage: StageCount[];

  @Field(() => [StageStatistics], { description: 'Every stage a dispute moves on from (the final stages have no duration)' })
  stages: StageStatistics[];
  @Field(() => [YearStageCount], {
    description: 'Disputes by year of filing and the stage they are in now (years and stages without any left out)',
  })
  disputesPerYear: YearStageCount[];
}

function toStageStatistics(figures: StageFigures): StageStatistics {
  const limit = figures.limit;
  return {
    stage: figures.stage,
    label: STAGE_LABELS[figures.stage],
    completed: figures.completed,
    ongoing: figures.ongoing,
    medianDays: figures.medianDays,
    p90Days: figures.p90Days,
    limitRule: limit?.rule.code ?? null,
    limitArticle: limit?.rule.article ?? null,
    limitDays: limit?.days ?? null,
    limitMonths: limit?.months ?? null,
    urgentLimitDays: limit?.urgentDays ?? null,
    urgentLimitMonths: limit?.urgentMonths ?? null,
    overran: figures.overran,
    overranShare: figures.overranShare,
  };
}

export function toStatistics(report: ProcedureStatistics): Statistics {
  return {
    asOf: report.asOf,
    disputesPerStage: report.disputesPerStage.map(({ stage, count }) => ({ stage, label: STAGE_LABELS[stage], count })),
    stages: report.stages.map(toStageStatistics),
    disputesPerYear: report.disputesPerYear.map((row) => ({ ...row })),
  };
}
