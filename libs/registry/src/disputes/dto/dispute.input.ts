import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ConnectionArgs, LocalDateScalar, graphqlEnum, trim } from '@app/core';
import {
  ACTOR_ROLE_LABELS,
  DEADLINE_RULE_CODES,
  STAGE_LABELS,
  STAGES,
  TERMINAL_STAGES,
  transitionFor,
  type DeadlineRuleCode,
  type Stage,
} from '@app/procedure';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DeadlineRuleEnum } from '../../deadlines/deadline.type';
import { DisputeTranslationInput, LANGUAGE_DESCRIPTION } from '../../languages/dto/translation.input';
import { REGISTRY_ACTIONS, type RegistryAction } from '../registry-actions';

const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;
const upperOne = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const upperAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v)) : value;

export const StageEnum = graphqlEnum(
  STAGES,
  'Stage',
  'Where a dispute stands in the procedure (docs/procedure.md §1)',
  Object.fromEntries(
    STAGES.map((stage) => [
      stage,
      (TERMINAL_STAGES as readonly Stage[]).includes(stage) ? `${STAGE_LABELS[stage]}: ends the dispute` : STAGE_LABELS[stage],
    ]),
  ) as Record<Stage, string>,
);

/** What an action records, who may take it, from which stages and under which article: from the procedure's own table. */
function actionDescription(action: RegistryAction): string {
  const transition = transitionFor(action)!;
  const { actors } = transition;
  const actor =
    actors.length === 1
      ? ACTOR_ROLE_LABELS[actors[0]]
      : actors.every((role) => role === 'COMPLAINANT' || role === 'RESPONDENT')
        ? 'a party'
        : actors.includes('MEMBER')
          ? 'a member'
          : either(actors.map((role) => ACTOR_ROLE_LABELS[role]));
  const records = transition.docketText
    .replace(/^\{actor\}/, capitalise(actor))
    .replace('{actor}', actor)
    .replace('{rule}', 'a time limit')
    .replace('{until}', 'a new date')
    .replace('{rptEndsOn}', 'the day given');
  const by = either(actors.map((role) => ACTOR_ROLE_LABELS[role]));
  const from = transition.from === 'ANY_ACTIVE' ? 'any stage that is not final' : transition.from.join(', ');
  const requires = transition.requires ? `; ${transition.requires}` : '';
  return `Records: "${records}" Taken by ${by}, in ${from}${requires} (${transition.article})`;
}

/** "a, b or c". */
function either(labels: readonly string[]): string {
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}` : labels.join('');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const RegistryActionEnum = graphqlEnum(
  REGISTRY_ACTIONS,
  'ProcedureAction',
  'A step of the procedure taken through takeAction; later steps come with their modules',
  Object.fromEntries(REGISTRY_ACTIONS.map((action) => [action, actionDescription(action)])) as Record<RegistryAction, string>,
);

@InputType({
  description: 'A request for consultations (DSU 4.4): it identifies the measures at issue and the legal basis of the complaint',
})
export class RequestConsultationsInput {
  @Field(() => [String], { description: 'Alpha-3 codes of the respondents' })
  @Transform(upperAll)
  @ArrayMinSize(1, { message: 'respondents must name at least one member' })
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'respondents must not repeat a member' })
  @Matches(/^[A-Z]{3}$/, { each: true, message: 'respondents must be three-letter member codes' })
  respondents: string[];

  @Field({ description: 'Short title, 1 to 300 characters' })
  @Transform(trim)
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title: string;

  @Field(() => [String], { description: 'The measures at issue' })
  @Transform(trimAll)
  @ArrayMinSize(1, { message: 'measures must name at least one measure' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true, message: 'each measure must be 1 to 1000 characters' })
  measures: string[];

  @Field(() => [String], { description: 'The provisions relied on, e.g. "GATT 1994 Art. III:4"' })
  @Transform(trimAll)
  @ArrayMinSize(1, { message: 'legalBasis must cite at least one provision' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 300, { each: true, message: 'each provision must be 1 to 300 characters' })
  legalBasis: string[];

  @Field({ description: 'The reasons for the request, circulated to all members; 1 to 20000 characters' })
  @Transform(trim)
  @Length(1, 20000, { message: 'summary must be 1 to 20000 characters' })
  summary: string;

  @Field({ defaultValue: false, description: 'A case of urgency, e.g. perishable goods (DSU 4.8)' })
  @IsBoolean()
  urgent: boolean = false;

  @Field(() => String, {
    nullable: true,
    description: `The language title and summary are written in (${LANGUAGE_DESCRIPTION}); en when omitted`,
  })
  @IsOptional()
  @IsString()
  language?: string | null;

  @Field(() => [DisputeTranslationInput], {
    nullable: true,
    description: 'The title and summary in other working languages, one each (more can be added later: addDisputeTranslation)',
  })
  @IsOptional()
  @ArrayMaxSize(5)
  @ArrayUnique((t: DisputeTranslationInput) => t?.language?.trim().toLowerCase(), { message: 'translations must not repeat a language' })
  @ValidateNested({ each: true })
  @Type(() => DisputeTranslationInput)
  translations?: DisputeTranslationInput[] | null;
}

@InputType({ description: 'A time limit and its new end' })
export class ExtensionInput {
  @Field(() => DeadlineRuleEnum, { description: 'The time limit of the dispute to move (its open row)' })
  @IsIn(DEADLINE_RULE_CODES)
  rule: DeadlineRuleCode;

  @Field(() => LocalDateScalar, { description: 'The new legal end the parties agreed' })
  @IsString()
  until: string;
}

@InputType({ description: 'A step of the procedure in one dispute, with what it needs' })
export class TakeActionInput {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => RegistryActionEnum, { description: 'The step to take' })
  @IsIn(REGISTRY_ACTIONS)
  action: RegistryAction;

  @Field(() => ExtensionInput, {
    nullable: true,
    description: 'For recordExtension, and adjustTimetable (a step of the timetable and its new date)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExtensionInput)
  extension?: ExtensionInput;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'For agreeRpt and fixRpt: the last day of the reasonable period of time (DSU 21.3)',
  })
  @IsOptional()
  @IsString()
  rptEndsOn?: string;

  @Field({
    nullable: true,
    description:
      'For acceptJoinRequest and rejectJoinRequest: the member whose request to join the consultations is answered (alpha-3 code, DSU 4.11)',
  })
  @IsOptional()
  @Transform(upperOne)
  @Matches(/^[A-Z]{3}$/, { message: 'memberCode must be a three-letter member code' })
  memberCode?: string;

  @Field({
    nullable: true,
    description:
      'What the actor wants on the docket with this step; for the steps the rules want reasoned (a delay, a meeting not held, a suspended appeal) their reasons',
  })
  @IsOptional()
  @Transform(trim)
  @MaxLength(2000)
  note?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'For a decision of the body (establishPanel, recordBodyMeeting, referComplianceReview, authorizeSuspension, declareCompliance): the meeting that took it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId?: string;
}

@InputType({ description: 'Narrows a list of disputes; every field given must match' })
export class DisputeFilter {
  @Field(() => StageEnum, { nullable: true, description: 'Only disputes in this stage' })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;

  @Field({
    nullable: true,
    description: 'Takes part in any capacity, including a member that asked to join the consultations (alpha-3 code)',
  })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'member must be a three-letter member code' })
  member?: string;

  @Field({ nullable: true, description: 'Only disputes this member (alpha-3 code) brought' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'complainant must be a three-letter member code' })
  complainant?: string;

  @Field({ nullable: true, description: 'Only disputes against this member (alpha-3 code)' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'respondent must be a three-letter member code' })
  respondent?: string;

  @Field({ nullable: true, description: 'Words of the title, summary or measures, or a docket number' })
  @IsOptional()
  @Transform(trim)
  @Length(1, 200)
  text?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "Filed on or after this day (ISO date, the body's time zone)" })
  @IsOptional()
  filedFrom?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Filed on or before this day' })
  @IsOptional()
  filedTo?: string;
}

@ArgsType()
export class DisputesArgs extends ConnectionArgs {
  @Field(() => DisputeFilter, { nullable: true, description: 'Which disputes; all when omitted' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DisputeFilter)
  filter?: DisputeFilter;
}
