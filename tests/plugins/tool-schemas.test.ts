import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { connect, type Connected } from '../helpers/in-process.js';

/** Budget from issue 4: the average tool (name, description, schemas, annotations) stays under this, in compact JSON bytes. */
const AVERAGE_TOOL_BUDGET_BYTES = 600;

describe('tool schemas of all built-in plugins', () => {
  let c: Connected;
  let tools: Tool[];
  beforeAll(async () => {
    c = await connect({ rc: { plugins: ['all'] }, env: {} });
    tools = (await c.client.listTools()).tools;
  });
  afterAll(async () => c?.close());

  it('match the snapshot (a schema change must be deliberate: update with jest -u)', () => {
    const surface = tools.map((tool) => ({
      name: tool.name,
      annotations: tool.annotations,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema ?? null,
    }));
    expect(surface).toMatchSnapshot();
  });

  it('every tool states all four behaviour hints and a title', () => {
    for (const tool of tools) {
      const a = tool.annotations ?? {};
      expect({ tool: tool.name, hints: [a.readOnlyHint, a.destructiveHint, a.idempotentHint, a.openWorldHint].map((h) => typeof h) })
        .toEqual({ tool: tool.name, hints: ['boolean', 'boolean', 'boolean', 'boolean'] });
      expect(typeof a.title).toBe('string');
    }
  });

  it(`keeps tools/list lean: average tool under ${AVERAGE_TOOL_BUDGET_BYTES} bytes of compact JSON`, () => {
    const total = Buffer.byteLength(JSON.stringify({ tools }));
    const average = Math.round(total / tools.length);
    const largest = tools
      .map((tool) => ({ name: tool.name, bytes: Buffer.byteLength(JSON.stringify(tool)) }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5);
    process.stderr.write(
      `tools/list (all built-in plugins): ${tools.length} tools, ${total} bytes (~${Math.round(total / 4)} tokens), ` +
        `average ${average} bytes/tool; largest: ${largest.map((l) => `${l.name} ${l.bytes}`).join(', ')}\n`,
    );
    expect(tools.length).toBeGreaterThan(0);
    expect(average).toBeLessThan(AVERAGE_TOOL_BUDGET_BYTES);
  });
});
