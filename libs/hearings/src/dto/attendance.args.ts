import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsUUID } from 'class-validator';

@ArgsType()
export class RecordAttendanceArgs {
  @Field(() => ID, { description: 'The hearing (UUID)' })
  @IsUUID('all', { message: 'hearingId must be a hearing id' })
  hearingId: string;

  @Field(() => [ID], { description: 'The participants (refId) who attended' })
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'attendees must list participant ids' })
  attendees: string[];
}
