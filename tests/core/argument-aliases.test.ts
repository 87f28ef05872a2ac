import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { container } from 'tsyringe';
import { Effects, InvalidInputError, IsOptional, IsString, JSONSchema, Tool, WorkspaceInput } from '../../core/index.js';
import { acceptedOnly, resolveAliases, type ArgumentAliases } from '../../core/registry/argument-aliases.js';
import { instanceResolver } from '../../core/registry/instance-resolver.js';
import { ToolRegistry } from '../../core/registry/tool-registry.js';

const refused = (fn: () => unknown): InvalidInputError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('resolveAliases', () => {
  const aliases: ArgumentAliases = {
    allow_overwrite: 'overwrite',
    file_content: { to: 'content', implies: { encoding: 'base64' } },
    timezone: 'changes.timezone',
    only: { to: 'enabled', convert: (v) => (v === false ? undefined : v) },
    shell: acceptedOnly('shell', ['system'], 'always the system shell'),
    kinds: { to: 'kinds', convert: (v) => (typeof v === 'string' ? v.split(',') : v) },
    title: { to: 'content', merges: true, convert: (t, c) => `# ${String(t)}\n\n${String(c)}` },
  };

  it('renames, implies, nests into an object argument, converts and drops', () => {
    expect(resolveAliases({ allow_overwrite: true, x: 1 }, aliases)).toEqual({ overwrite: true, x: 1 });
    expect(resolveAliases({ file_content: 'aGk=' }, aliases)).toEqual({ content: 'aGk=', encoding: 'base64' });
    expect(resolveAliases({ timezone: 'UTC', changes: { language: 'ko' } }, aliases)).toEqual({ changes: { language: 'ko', timezone: 'UTC' } });
    expect(resolveAliases({ only: false }, aliases)).toEqual({});
    expect(resolveAliases({ only: true }, aliases)).toEqual({ enabled: true });
    expect(resolveAliases({ shell: 'system', a: 1 }, aliases)).toEqual({ a: 1 });
    expect(resolveAliases({ kinds: 'cpu,memory' }, aliases)).toEqual({ kinds: ['cpu', 'memory'] });
    expect(resolveAliases({ kinds: ['cpu'] }, aliases)).toEqual({ kinds: ['cpu'] });
  });

  it('leaves arguments without aliases untouched (the same object)', () => {
    const args = { overwrite: true };
    expect(resolveAliases(args, aliases)).toBe(args);
    expect(resolveAliases(args, undefined)).toBe(args);
  });

  it('refuses an alias given together with the argument it stands for, and a conflicting implied value', () => {
    expect(refused(() => resolveAliases({ allow_overwrite: true, overwrite: false }, aliases)).fields).toEqual([
      { field: 'allow_overwrite', problems: ['is another name for overwrite; give only one of allow_overwrite and overwrite'] },
    ]);
    expect(refused(() => resolveAliases({ timezone: 'UTC', changes: { timezone: 'KST' } }, aliases)).fields[0].field).toBe('timezone');
    expect(refused(() => resolveAliases({ file_content: 'x', encoding: 'utf8' }, aliases)).fields[0].field).toBe('file_content');
    expect(refused(() => resolveAliases({ shell: 'bash' }, aliases)).fields).toEqual([{ field: 'shell', problems: ['always the system shell'] }]);
  });

  it('combines a merging alias with its argument instead of refusing the pair', () => {
    expect(resolveAliases({ title: 'T', content: 'body' }, aliases)).toEqual({ content: '# T\n\nbody' });
  });

  it('does not hide a parsed __proto__ from validation', () => {
    const odd = Object.create({ polluted: true }) as Record<string, unknown>;
    odd.allow_overwrite = true;
    expect(resolveAliases(odd, aliases)).toBe(odd);
  });
});

class SampleInput extends WorkspaceInput {
  @IsOptional() @IsString() @JSONSchema({ description: 'x' }) name?: string;
}

describe('aliases declared on @Tool are checked at start-up', () => {
  const manifest = (tools: (new () => object)[]) => ({ name: 'sample', description: 'd', host: '*', tools });

  it('an alias that shadows an argument or leads nowhere fails start-up', () => {
    class Shadow {
      @Tool({ name: 'shadow_tool', title: 't', description: 'd', input: SampleInput, annotations: Effects.read, aliases: { name: 'workspace' } })
      run() {}
    }
    class Nowhere {
      @Tool({ name: 'nowhere_tool', title: 't', description: 'd', input: SampleInput, annotations: Effects.read, aliases: { old: 'missing' } })
      run() {}
    }
    expect(() => new ToolRegistry({ defaulted: [] }).addPlugin(manifest([Shadow]), instanceResolver(container))).toThrow(/already an argument/);
    expect(() => new ToolRegistry({ defaulted: [] }).addPlugin(manifest([Nowhere]), instanceResolver(container))).toThrow(/unknown argument "missing"/);
  });

  it('aliases are not published in the schema', () => {
    class Fine {
      @Tool({ name: 'fine_tool', title: 't', description: 'd', input: SampleInput, annotations: Effects.read, aliases: { old_name: 'name' } })
      run() {}
    }
    const registry = new ToolRegistry({ defaulted: [] });
    registry.addPlugin(manifest([Fine]), instanceResolver(container));
    const tool = registry.loaded('fine_tool');
    expect(Object.keys(tool?.inputSchema.properties as object)).not.toContain('old_name');
    expect(tool?.aliases).toEqual({ old_name: 'name' });
  });
});
