import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsUUID, Length } from 'class-validator';
import { trim } from '@app/core';

@ArgsType()
export class ChallengeCandidateArgs {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => ID, { description: 'The candidate (roster person UUID)' })
  @IsUUID('all', { message: 'personId must be a roster person id' })
  personId: string;

  @Field({ description: 'The compelling reasons (DSU 8.6); seen by the secretariat and the parties' })
  @Transform(trim)
  @Length(1, 5000, { message: 'grounds must be 1 to 5000 characters' })
  grounds: string;
}

@ArgsType()
export class DecideChallengeArgs {
  @Field(() => ID, { description: 'The challenge (UUID)' })
  @IsUUID('all', { message: 'id must be a challenge id' })
  id: string;

  @Field({ description: 'true: the challenge succeeds and the candidate is excluded from this dispute' })
  @IsBoolean()
  upheld: boolean;

  @Field({ description: 'Recorded on the public docket' })
  @Transform(trim)
  @Length(1, 2000, { message: 'reasons must be 1 to 2000 characters' })
  reasons: string;
}
