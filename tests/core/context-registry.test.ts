import { describe, expect, it } from '@jest/globals';
import { definePlugin, IsOptional, IsString, JSONSchema, Matches, Prompt, Resource, WorkspaceInput } from '../../core/index.js';
import { connect } from '../helpers/in-process.js';

class NotesInput extends WorkspaceInput {
  @IsOptional()
  @Matches(/^\d{1,3}$/)
  @JSONSchema({ type: 'string', description: 'How many notes' })
  limit?: string;
}

class GreetInput {
  @IsString()
  @JSONSchema({ description: 'Who to greet' })
  name!: string;
}

class ContextTools {
  @Resource({ uriTemplate: 'probe://{region}/{workspace}/notes{?limit}', name: 'notes', title: 'Notes', description: 'Notes.', input: NotesInput })
  notes(input: NotesInput) {
    return { workspace: input.workspace, region: input.region, limit: input.limit ?? null };
  }

  @Prompt({ name: 'greet', title: 'Greet', description: 'Greets.', input: GreetInput })
  greet({ name }: GreetInput) {
    return `Say hello to ${name}.`;
  }
}

const plugin = definePlugin({ name: 'context-probe', description: 'Context probe', host: '^0.1.0', tools: [ContextTools] });

describe('resources and prompts registered like tools', () => {
  it('a resource template (SDK URI templates, query expansion included) is validated by its DTO before the method runs', async () => {
    const t = await connect({ builtins: { 'context-probe': async () => ({ default: plugin }) }, rc: { plugins: ['context-probe'] } });
    try {
      const read = await t.client.readResource({ uri: 'probe://us1/acme/notes?limit=3' });
      expect(JSON.parse((read.contents[0] as { text: string }).text)).toEqual({ workspace: 'acme', region: 'us1', limit: '3' });
      await expect(t.client.readResource({ uri: 'probe://us1/acme/notes?limit=many' })).rejects.toMatchObject({ data: { code: 'invalid_input' } });
      await expect(t.client.readResource({ uri: 'probe://mars/acme/notes?limit=1' })).rejects.toMatchObject({ data: { code: 'invalid_input' } });

      const prompts = await t.client.listPrompts();
      expect(prompts.prompts[0].arguments).toEqual([{ name: 'name', description: 'Who to greet', required: true }]);
      const got = await t.client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } });
      expect(got.messages[0].content).toMatchObject({ text: 'Say hello to Ada.' });
      await expect(t.client.getPrompt({ name: 'greet', arguments: {} })).rejects.toMatchObject({ data: { code: 'invalid_input' } });
      await expect(t.client.getPrompt({ name: 'greet', arguments: { name: 'Ada', extra: 'x' } })).rejects.toMatchObject({ data: { code: 'invalid_input' } });
    } finally {
      await t.close();
    }
  });

  it('a template variable the DTO does not declare stops a built-in plugin at start-up', async () => {
    class Broken {
      @Resource({ uriTemplate: 'probe://{workspace}/{secret}', name: 'broken', title: 'Broken', description: 'Broken.', input: WorkspaceInput })
      read() {
        return {};
      }
    }
    const broken = definePlugin({ name: 'broken-probe', description: 'Broken', host: '^0.1.0', tools: [Broken] });
    await expect(connect({ builtins: { 'broken-probe': async () => ({ default: broken }) }, rc: { plugins: ['broken-probe'] } })).rejects.toMatchObject({
      code: 'plugin_invalid',
      message: expect.stringContaining('template variables secret are not properties of WorkspaceInput'),
    });
  });
});
