import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@ArgsType()
export class EligibleCandidatesArgs {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;
}

@ArgsType()
export class ConsentToNationalArgs {
  @Field(() => ID, { description: 'The dispute (UUID)' })
  @IsUUID('all', { message: 'disputeId must be a dispute id' })
  disputeId: string;

  @Field(() => ID, { description: 'The roster person, a national of a party or third party (UUID)' })
  @IsUUID('all', { message: 'personId must be a roster person id' })
  personId: string;
}
