import { Field, InputType } from '@nestjs/graphql';
import { IsIn, Length } from 'class-validator';
import { DomainError } from '../errors';
import { IsInstant } from './instant';
import { isLocalDate } from './local-date.scalar';
import { IsOmittable } from './omittable';
import { DomainValidationPipe, findUnstorableText } from './validation.pipe';

@InputType()
class UpdateInput {
  @Field({ nullable: true })
  @IsOmittable()
  @Length(1, 20)
  name?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsIn(['ACTIVE', 'SUSPENDED'])
  status?: string;
}

@InputType()
class MeetingInput {
  @Field()
  @IsInstant()
  startsAt: Date;
}

describe('DomainValidationPipe', () => {
  const pipe = new DomainValidationPipe();
  const refusal = async (value: unknown, metatype: unknown, data?: string) => {
    const error = await pipe.transform(value, { type: 'body', metatype: metatype as never, data }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };

  it('refuses text PostgreSQL cannot store, naming the field, in a class or a bare argument', async () => {
    const nul = await refusal({ name: 'a\u0000b' }, UpdateInput, 'input');
    expect(nul).toMatchObject({ category: 'BAD_USER_INPUT', code: 'INVALID_TEXT', details: { field: 'input.name' } });
    expect(nul.message).toBe('input.name must not contain NUL characters (U+0000)');
    const lone = await refusal('\uD800', String, 'id');
    expect(lone).toMatchObject({ code: 'INVALID_TEXT', details: { field: 'id' } });
    expect(findUnstorableText({ list: [{ ok: 'é 中 😀' }, { bad: 'x\uDC00' }] }, 'input')).toEqual({
      field: 'input.list.1.bad',
      message: 'input.list.1.bad must be valid Unicode text (it contains a lone surrogate)',
    });
    expect(findUnstorableText({ emoji: '\u{1F468}\u200D\u{1F469}', rtl: '\u202Eabc' }, 'input')).toBeNull();
  });

  it('lets an update leave a field out but not set it to null', async () => {
    await expect(pipe.transform({ name: 'New name' }, { type: 'body', metatype: UpdateInput, data: 'input' })).resolves.toBeInstanceOf(
      UpdateInput,
    );
    const error = await refusal({ status: null }, UpdateInput, 'input');
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'input.status' } });
    expect(error.message).toBe('input.status cannot be null: leave it out to keep the current value');
  });

  it('accepts instants and days within the range the registry keeps, and no others', async () => {
    await expect(
      pipe.transform({ startsAt: new Date('2026-03-02T09:00:00Z') }, { type: 'body', metatype: MeetingInput, data: 'input' }),
    ).resolves.toBeTruthy();
    for (const far of [new Date('-271821-04-20T00:00:00Z'), new Date('+275760-09-13T00:00:00Z'), new Date('3000-01-01T00:00:00.001Z')]) {
      const error = await refusal({ startsAt: far }, MeetingInput, 'input');
      expect(error.message).toBe('input.startsAt must be from 1900-01-01T00:00:00.000Z to 3000-01-01T00:00:00.000Z');
    }
    expect((await refusal({ startsAt: new Date('nonsense') }, MeetingInput, 'input')).message).toBe(
      'input.startsAt must be a date-time such as 2026-03-02T09:00:00Z',
    );
    expect(['1900-01-01', '2026-02-28', '2028-02-29', '2999-12-31'].every(isLocalDate)).toBe(true);
    expect(['0000-01-01', '1899-12-31', '3000-01-01', '9999-12-31', '2026-02-29', '2026-13-01'].some(isLocalDate)).toBe(false);
  });
});
