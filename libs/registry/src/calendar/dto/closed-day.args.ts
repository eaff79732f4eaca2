import { ArgsType, Field } from '@nestjs/graphql';
import { LocalDateScalar } from '@app/core';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

@ArgsType()
export class ClosedDaysArgs {
  @Field(() => LocalDateScalar)
  @IsString()
  from: string;

  @Field(() => LocalDateScalar)
  @IsString()
  to: string;
}

@ArgsType()
export class RemoveClosedDayArgs {
  @Field(() => LocalDateScalar)
  @IsString()
  day: string;
}

@ArgsType()
export class ClosedDayArgs extends RemoveClosedDayArgs {
  @Field()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200, { message: 'reason must be 1 to 200 characters' })
  reason: string;
}
