import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInstant, graphqlEnum } from '@app/core';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsIn, IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export const COUNTING_RULES = ['SCOTTISH_STV', 'MEEK_STV'] as const;
export type CountingRulesName = (typeof COUNTING_RULES)[number];
export const CountingRulesEnum = graphqlEnum(COUNTING_RULES, 'CountingRules', 'How the ballots are counted', {
  SCOTTISH_STV: 'Single transferable vote under the Scottish Local Government Elections Order 2007 (SSI 2007/42), schedule 1, rules 45-52',
  MEEK_STV: 'Single transferable vote under the Meek reference rule (keep values computed iteratively)',
});
export const toCountingRules = (name: CountingRulesName) => (name === 'MEEK_STV' ? 'meek-stv' : 'scottish-stv');
export const fromCountingRules = (rules: string): CountingRulesName => (rules === 'meek-stv' ? 'MEEK_STV' : 'SCOTTISH_STV');

@InputType({ description: "An election of a dispute's panel, or of its vacant seats, by the members that are not parties" })
export class OpenElectionInput {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field({ description: 'When voting opens' })
  @IsInstant()
  opensAt: Date;

  @Field({ description: 'When voting closes and the count runs' })
  @IsInstant()
  closesAt: Date;

  @Field(() => CountingRulesEnum, { defaultValue: 'SCOTTISH_STV', description: 'How the ballots are counted' })
  @IsIn(COUNTING_RULES)
  rules: CountingRulesName = 'SCOTTISH_STV';

  @Field(() => Int, { defaultValue: 50, description: 'Share of the electorate that must vote, in percent' })
  @IsInt()
  @Min(1)
  @Max(100)
  quorumPercent: number = 50;

  @Field(() => Boolean, { defaultValue: false, description: 'Elect only the vacant seats of a composed panel' })
  @IsBoolean()
  vacancy: boolean = false;
}

@InputType({ description: "Your member's ranked ballot" })
export class CastBallotInput {
  @Field(() => ID, { description: 'The election (UUID)' })
  @IsUUID('all', { message: 'electionId must be an election id' })
  electionId: string;

  @Field(() => [ID], { description: 'Candidates (roster person ids), most preferred first' })
  @ArrayMinSize(1, { message: 'ranking must name at least one candidate' })
  @ArrayMaxSize(200)
  @ArrayUnique({ message: 'ranking must not name a candidate twice' })
  @IsUUID('all', { each: true, message: 'ranking must list candidate ids' })
  ranking: string[];
}

@ArgsType()
export class ElectionIdArgs {
  @Field(() => ID, { description: 'The election (UUID)' })
  @IsUUID('all', { message: 'id must be an election id' })
  id: string;
}

@ArgsType()
export class ReceiptArgs {
  @Field(() => ID, { description: 'The election (UUID)' })
  @IsUUID('all', { message: 'electionId must be an election id' })
  electionId: string;

  @Field({ description: 'The receipt code you were given, in any case, dashes optional' })
  @IsString()
  @Length(16, 40, { message: 'receipt must be the code you were given' })
  receipt: string;
}

@ArgsType()
export class VacateSeatArgs {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => ID, { description: 'The seated panelist (roster person UUID)' })
  @IsUUID('all', { message: 'personId must be a roster person id' })
  personId: string;

  @Field({ description: 'Withdrawal or removal, and why' })
  @IsString()
  @Length(1, 2000, { message: 'reason must be 1 to 2000 characters' })
  reason: string;
}
