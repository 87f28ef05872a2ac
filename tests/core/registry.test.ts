import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { container } from 'tsyringe';
import { IsString } from 'class-validator';
import { JSONSchema } from '../../core/decorators/json-schema.js';
import { Tool, Effects } from '../../core/decorators/index.js';
import { WorkspaceInput } from '../../core/dto/index.js';
import { ToolRegistry } from '../../core/registry/tool-registry.js';
import { instanceResolver } from '../../core/registry/instance-resolver.js';
import { PluginError } from '../../core/errors/index.js';
import type { PluginManifest } from '../../core/plugins/manifest.js';
import { checkManifest } from '../../core/plugins/check-manifest.js';
import { selectTools } from '../../core/selection/select-tools.js';

class NoteInput extends WorkspaceInput {
  @IsString()
  @JSONSchema({ description: 'Text' })
  text!: string;
}

class AlphaTools {
  @Tool({ name: 'shared_name', title: 'A', description: 'Alpha tool', input: NoteInput, annotations: Effects.read })
  a() {
    return 1;
  }
}

class BetaTools {
  @Tool({ name: 'shared_name', title: 'B', description: 'Beta tool', input: NoteInput, annotations: Effects.destructive })
  b() {
    return 2;
  }
}

class BadNameTools {
  @Tool({ name: 'Bad-Name', title: 'Bad', description: 'Bad', input: NoteInput, annotations: Effects.read })
  c() {
    return 3;
  }
}

class HintedTools {
  @Tool({ name: 'hinted_note', title: 'Note', description: 'Writes a note to the server.', input: NoteInput, annotations: Effects.create, searchHint: 'note memo to jot server' })
  h() {
    return 4;
  }

  @Tool({ name: 'always_note', title: 'Note', description: 'Reads notes.', input: NoteInput, annotations: Effects.read, searchHint: 'memo', alwaysLoad: true })
  i() {
    return 5;
  }
}

const manifest = (name: string, tools: PluginManifest['tools']): PluginManifest => ({ name, description: name, host: '*', tools });

describe('tool registry', () => {
  it('fails on a duplicate tool name, naming both plugins', () => {
    const registry = new ToolRegistry({ defaulted: [] });
    registry.addPlugin(manifest('alpha', [AlphaTools]), instanceResolver(container));
    expect(() => registry.addPlugin(manifest('beta', [BetaTools]), instanceResolver(container))).toThrow(/"shared_name".*"alpha"/);
    try {
      registry.addPlugin(manifest('beta', [BetaTools]), instanceResolver(container));
    } catch (error) {
      expect(error).toBeInstanceOf(PluginError);
      expect((error as PluginError).message).toContain('Plugin "beta"');
    }
  });

  it('fails on an invalid tool name and on a class without tools', () => {
    const registry = new ToolRegistry({ defaulted: [] });
    expect(() => registry.addPlugin(manifest('bad', [BadNameTools]), instanceResolver(container))).toThrow(/invalid/);
    class Empty {}
    expect(() => registry.addPlugin(manifest('empty', [Empty]), instanceResolver(container))).toThrow(/no @Tool, @Resource or @Prompt methods/);
  });

  it('lists tools in a stable order with their schemas', () => {
    const registry = new ToolRegistry({ defaulted: [] });
    registry.addPlugin(manifest('alpha', [AlphaTools]), instanceResolver(container));
    const [tool] = registry.list();
    expect(tool).toMatchObject({ name: 'shared_name', plugin: 'alpha', targetsWorkspace: true });
    expect(tool.inputSchema.required).toEqual(['text', 'workspace']);
  });

  it('leaves out descriptions of the plugin\'s shared arguments, and publishes search hints with only the words they add', () => {
    const registry = new ToolRegistry({ defaulted: [] });
    registry.addPlugin({ ...manifest('alpha', [AlphaTools]), sharedArguments: { text: 'Text' } }, instanceResolver(container));
    registry.addPlugin(manifest('hinted', [HintedTools]), instanceResolver(container));
    expect((registry.get('shared_name')?.inputSchema.properties as Record<string, unknown>).text).toEqual({ type: 'string' });
    expect(registry.get('hinted_note')?.searchHint).toBe('memo jot');
    expect(registry.get('always_note')?.searchHint).toBe('');
  });
});

describe('plugin contract check', () => {
  it('accepts a manifest and reports every problem of a bad one', () => {
    expect(checkManifest('ok', { default: manifest('ok', [AlphaTools]) }).name).toBe('ok');
    expect(() => checkManifest('bad', { default: { name: 'bad', tools: [] } })).toThrow(/description.*host.*tools/);
    expect(() => checkManifest('none', {})).toThrow(/does not export a plugin manifest/);
    expect(() => checkManifest('old', { default: { ...manifest('old', [AlphaTools]), host: '^5.0.0' } })).toThrow(/\^5\.0\.0/);
    expect(() => checkManifest('shared', { default: { ...manifest('shared', [AlphaTools]), sharedArguments: { text: '' } } })).toThrow(/sharedArguments/);
  });
});

describe('tool selection', () => {
  const registry = new ToolRegistry({ defaulted: [] });
  registry.addPlugin(manifest('alpha', [AlphaTools]), instanceResolver(container));
  const tools = registry.list();

  it('rejects include/exclude names that match nothing, suggesting close names', () => {
    expect(() => selectTools(tools, { plugins: ['alpha'], include: ['shared_nme'], exclude: [], readOnly: false, disableDestructive: false })).toThrow(
      /did you mean shared_name/,
    );
  });

  it('exclude wins over include; patterns work', () => {
    const selected = selectTools(tools, { plugins: [], include: ['shared_*'], exclude: ['shared_name'], readOnly: false, disableDestructive: false });
    expect(selected).toEqual([]);
  });
});
