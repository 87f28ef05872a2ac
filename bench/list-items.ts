import type { Tool } from '@modelcontextprotocol/client';
import type { Sandbox } from '../sandbox/index.js';
import { inProcess } from './lib/in-process.js';
import { round } from './lib/stats.js';

export interface ListItemSize {
  tool: string;
  plugin: string;
  items: number;
  /** Compact JSON bytes of the item list divided by its length. */
  bytes_per_item: number | null;
  /** Goal: ≤ 200 B an item. */
  target_met: boolean | null;
  error?: string;
}

const GOAL_BYTES = 200;

/** The largest array in a result's `data`: the items of the list. */
function itemsOf(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (!data || typeof data !== 'object') return undefined;
  const arrays = (Object.values(data).filter(Array.isArray) as unknown[][]).filter((a) => a.every((item) => typeof item === 'object'));
  return arrays.sort((a, b) => b.length - a.length)[0];
}

/** Arguments a list tool needs against the sandbox: the first server when it asks for one, the largest page. */
function argsFor(tool: Tool, serverId: string): Record<string, unknown> {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, unknown>;
  const required = new Set(tool.inputSchema.required ?? []);
  const args: Record<string, unknown> = {};
  if ('server_id' in properties) args.server_id = serverId;
  if ('page_size' in properties) args.page_size = 20;
  if ('limit' in properties) args.limit = 20;
  for (const name of required) if (!(name in args)) args[name] = undefined;
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}

/** Bytes per item of every list_* tool of every built-in plugin, as the agent receives them by default, against the sandbox. */
export async function listItemSizes(sandbox: Sandbox): Promise<ListItemSize[]> {
  const app = await inProcess({ plugins: ['all'], logLevel: 'error' }, sandbox);
  try {
    const { tools } = await app.client.listTools();
    const serverId = sandbox.world.servers.all()[0].id;
    const sizes: ListItemSize[] = [];
    for (const tool of tools.filter((t) => t.name.startsWith('list_'))) {
      const plugin = app.app.registry.get(tool.name)?.plugin ?? '?';
      const result = await app.client.callTool({ name: tool.name, arguments: argsFor(tool, serverId) });
      const structured = result.structuredContent as { ok?: boolean; data?: unknown; error?: { code?: string } } | undefined;
      const items = structured?.ok ? itemsOf(structured.data) : undefined;
      if (!items || items.length === 0) {
        sizes.push({ tool: tool.name, plugin, items: 0, bytes_per_item: null, target_met: null, ...(structured?.ok ? {} : { error: structured?.error?.code ?? 'failed' }) });
        continue;
      }
      const perItem = Buffer.byteLength(JSON.stringify(items)) / items.length;
      sizes.push({ tool: tool.name, plugin, items: items.length, bytes_per_item: round(perItem, 0), target_met: perItem <= GOAL_BYTES });
    }
    return sizes;
  } finally {
    await app.close();
  }
}
