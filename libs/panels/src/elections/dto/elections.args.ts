import { ArgsType, Field } from '@nestjs/graphql';
import { ConnectionArgs } from '@app/core';
import { IsIn, IsOptional } from 'class-validator';
import { ELECTION_STATUSES, type ElectionStatus } from '../election.entity';
import { ElectionStatusEnum } from '../election.type';

@ArgsType()
export class ElectionsArgs extends ConnectionArgs {
  @Field(() => ElectionStatusEnum, { nullable: true, description: 'Only elections in this status' })
  @IsOptional()
  @IsIn(ELECTION_STATUSES)
  status?: ElectionStatus;
}
