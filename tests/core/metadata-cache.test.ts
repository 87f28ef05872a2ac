import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString, MaxLength, validate } from '../../core/dto/class-validator.js';
import { validateInput } from '../../core/registry/validate-input.js';
import { InvalidInputError } from '../../core/errors/index.js';

/** Problems per field, as a tool's caller sees them. */
async function problems(input: new () => object, args: Record<string, unknown>): Promise<string[]> {
  const error = await validateInput(input, args, { region: 'ap1' }).then(() => undefined, (e: unknown) => e);
  if (error === undefined) return [];
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).fields.map((f) => `${f.field}: ${f.problems.join('; ')}`);
}

describe('validation rules looked up once per class (cached until a decorator adds one)', () => {
  class NoteInput {
    @IsString()
    text!: string;
  }

  it('validates the same on every call, and a rule added later (a plugin loaded on first use) applies from then on', async () => {
    expect(await problems(NoteInput, { text: 'hi' })).toEqual([]);
    expect(await problems(NoteInput, { text: 3 })).toEqual(['text: must be a string']);
    expect(await problems(NoteInput, { text: 3 })).toEqual(['text: must be a string']);

    // A decorator applied after the class was validated (what a later module's decorators do to the shared store).
    MaxLength(3)(NoteInput.prototype, 'text');
    expect(await problems(NoteInput, { text: 'long' })).toEqual(['text: must be shorter than or equal to 3 characters']);

    class PagedNoteInput extends NoteInput {
      @IsInt()
      page!: number;
    }
    // The subclass, made after the parent's rules were cached, inherits all of them, the late one included.
    expect(await problems(PagedNoteInput, { text: 'long', page: 'x' })).toEqual([
      'page: must be an integer number',
      'text: must be shorter than or equal to 3 characters',
    ]);
    // And the parent still knows nothing of the subclass's rule.
    expect(await problems(NoteInput, { text: 'ok', page: 'x' })).toEqual(['page: is not a known argument']);
  });

  it('keeps class-validator\'s own answers (groups, always) apart', async () => {
    class Grouped {
      @IsString({ groups: ['strict'] })
      name!: unknown;
    }
    const value = Object.assign(new Grouped(), { name: 1 });
    expect(await validate(value, { groups: ['strict'], forbidUnknownValues: false })).toHaveLength(1);
    expect(await validate(value, { groups: ['other'], forbidUnknownValues: false })).toHaveLength(0);
    expect(await validate(value, { groups: ['strict'], forbidUnknownValues: false })).toHaveLength(1);
  });
});
