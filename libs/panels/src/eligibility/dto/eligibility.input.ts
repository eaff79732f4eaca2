import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@ArgsType()
export class EligibleCandidatesArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;
}

@ArgsType()
export class ConsentToNationalArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be a roster person id' })
  personId: string;
}
