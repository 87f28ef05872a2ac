import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { JSONSchema } from '../../core/decorators/json-schema.js';
import { buildInputSchema, SchemaProblem } from '../../core/registry/input-schema.js';
import { validateInput } from '../../core/registry/validate-input.js';
import { IsDistinctUuidList, ServerInput, WorkspaceInput } from '../../core/dto/index.js';
import { InvalidInputError } from '../../core/errors/index.js';

class SampleInput extends ServerInput {
  @IsInt()
  @Min(1)
  @Max(100)
  @JSONSchema({ description: 'How many' })
  limit!: number;

  @IsOptional()
  @IsIn(['a', 'b'])
  @JSONSchema({ description: 'Mode' })
  mode?: string;
}

class FanOutInput extends WorkspaceInput {
  @IsDistinctUuidList()
  @JSONSchema({ type: 'array', items: { type: 'string', format: 'uuid' }, description: 'Servers' })
  server_ids!: string[];
}

class SharedArgumentsInput extends ServerInput {
  @IsInt()
  @JSONSchema({ description: 'Only this page of the report' })
  page!: number;

  @IsInt()
  @JSONSchema({ description: 'Seconds per command' })
  timeout!: number;
}

class Undescribed extends WorkspaceInput {
  @IsString()
  name!: string;
}

const UUID = '7f8c2c1e-6a8e-4a8b-9a55-0c7c5d2f1e01';

describe('input schema from DTOs', () => {
  it('carries required, enums, uuid format, min/max; no additionalProperties (validation refuses unknown names itself)', () => {
    const schema = buildInputSchema(SampleInput);
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(schema.required).toEqual(['server_id', 'limit', 'workspace']);
    const props = schema.properties as Record<string, Record<string, unknown>>;
    expect(props.server_id).toEqual({ type: 'string', format: 'uuid' });
    expect(props.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(props.mode).toMatchObject({ enum: ['a', 'b'] });
    expect(props.region).toMatchObject({ enum: ['ap1', 'us1', 'eu1', 'dev'] });
    expect(Object.keys(props).slice(-2)).toEqual(['workspace', 'region']);
  });

  it('makes workspace optional when a default workspace is configured', () => {
    expect(buildInputSchema(SampleInput, { defaulted: ['workspace'] }).required).toEqual(['server_id', 'limit']);
  });

  it('leaves out a description that only repeats a shared argument, core\'s or the plugin\'s, and keeps any other', () => {
    const props = (options = {}) => buildInputSchema(SharedArgumentsInput, options).properties as Record<string, Record<string, unknown>>;
    expect(props().server_id).toEqual({ type: 'string', format: 'uuid' });
    expect(props().page).toEqual({ type: 'integer', description: 'Only this page of the report' });
    expect(props().timeout).toEqual({ type: 'integer', description: 'Seconds per command' });
    expect(props({ shared: { timeout: 'Seconds per command' } }).timeout).toEqual({ type: 'integer' });
    expect(props({ shared: { page: 'another text' } }).page).toEqual({ type: 'integer', description: 'Only this page of the report' });
  });

  it('refuses a DTO field without a description', () => {
    expect(() => buildInputSchema(Undescribed)).toThrow(SchemaProblem);
  });
});

describe('input validation', () => {
  const defaults = { region: 'ap1' };

  it('fills region and the default workspace', async () => {
    const input = await validateInput(SampleInput, { server_id: UUID, limit: 3 }, { region: 'us1', workspace: 'acme' });
    expect(input).toMatchObject({ server_id: UUID, limit: 3, workspace: 'acme', region: 'us1' });
  });

  it('lists every bad field at once', async () => {
    const error = await validateInput(SampleInput, { server_id: 'x', limit: 0, workspace: '../x', region: 'mars', extra: 1 }, defaults).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const fields = (error as InvalidInputError).fields.map((f) => f.field).sort();
    expect(fields).toEqual(['extra', 'limit', 'region', 'server_id', 'workspace']);
  });

  it('requires workspace when there is no default', async () => {
    const error = (await validateInput(SampleInput, { server_id: UUID, limit: 1 }, defaults).catch((e: unknown) => e)) as InvalidInputError;
    expect(error.fields).toEqual([{ field: 'workspace', problems: [expect.stringContaining('required')] }]);
  });

  it('accepts workspace names with _ and - up to 63 characters only', async () => {
    await expect(validateInput(SampleInput, { server_id: UUID, limit: 1, workspace: 'a_b-C9' }, defaults)).resolves.toBeDefined();
    await expect(validateInput(SampleInput, { server_id: UUID, limit: 1, workspace: 'a'.repeat(64) }, defaults)).rejects.toThrow(InvalidInputError);
    await expect(validateInput(SampleInput, { server_id: UUID, limit: 1, workspace: 'a.b' }, defaults)).rejects.toThrow(InvalidInputError);
  });

  it('requires server_ids to be a non-empty list of distinct UUIDs', async () => {
    const other = '0b0c2c1e-6a8e-4a8b-9a55-0c7c5d2f1e02';
    await expect(validateInput(FanOutInput, { workspace: 'w', server_ids: [UUID, other] }, defaults)).resolves.toBeDefined();
    for (const bad of [[], [UUID, UUID], ['nope'], UUID]) {
      await expect(validateInput(FanOutInput, { workspace: 'w', server_ids: bad }, defaults)).rejects.toThrow(InvalidInputError);
    }
  });

  it('refuses null for optional arguments and unknown keys, including __proto__ whether own key or prototype', async () => {
    const nulls = (await validateInput(SampleInput, { server_id: UUID, limit: 1, workspace: 'w', mode: null }, defaults).catch((e: unknown) => e)) as InvalidInputError;
    expect(nulls.fields).toEqual([{ field: 'mode', problems: [expect.stringContaining('null')] }]);
    const known = ['server_id', 'limit', 'mode', 'workspace', 'region'];
    const ownKey = JSON.parse(`{"server_id":"${UUID}","limit":1,"workspace":"w","__proto__":{"x":1}}`) as object;
    await expect(validateInput(SampleInput, ownKey, defaults, known)).rejects.toThrow(/__proto__/);
    const asPrototype = Object.assign(Object.create({ polluted: true }) as object, { server_id: UUID, limit: 1, workspace: 'w' });
    await expect(validateInput(SampleInput, asPrototype, defaults, known)).rejects.toThrow(/__proto__/);
    await expect(validateInput(SampleInput, { server_id: UUID, limit: 1, workspace: 'w', constructor: 'x' }, defaults, known)).rejects.toThrow(/constructor/);
  });

  it('rejects non-object arguments', async () => {
    await expect(validateInput(SampleInput, [1, 2], defaults)).rejects.toThrow(InvalidInputError);
  });
});
