import { ArgsType, Field } from '@nestjs/graphql';
import { LocalDateScalar } from '@app/core';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

@ArgsType()
export class ClosedDaysArgs {
  @Field(() => LocalDateScalar, { description: 'First day of the range, included (ISO date)' })
  @IsString()
  from: string;

  @Field(() => LocalDateScalar, { description: 'Last day of the range, included (ISO date)' })
  @IsString()
  to: string;
}

@ArgsType()
export class RemoveClosedDayArgs {
  @Field(() => LocalDateScalar, { description: "The day (ISO date, the body's time zone)" })
  @IsString()
  day: string;
}

@ArgsType()
export class ClosedDayArgs extends RemoveClosedDayArgs {
  @Field({ description: 'Why the body is closed, e.g. a public holiday' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200, { message: 'reason must be 1 to 200 characters' })
  reason: string;
}
