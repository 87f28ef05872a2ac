import { inProcess } from './lib/in-process.js';

export interface ListSize {
  tools: number;
  bytes: number;
  /** ≈ bytes / 4, the usual rule of thumb for JSON in model context. */
  estimated_tokens: number;
}

export interface ToolsListSizeResult {
  all_plugins: ListSize;
  default_set: ListSize;
  read_only: ListSize;
}

async function measure(rc: object): Promise<ListSize> {
  const app = await inProcess(rc);
  try {
    const { tools } = await app.client.listTools();
    const bytes = Buffer.byteLength(JSON.stringify(tools));
    return { tools: tools.length, bytes, estimated_tokens: Math.round(bytes / 4) };
  } finally {
    await app.close();
  }
}

/** Compact JSON size of the tools/list answer for every built-in plugin, the default set, and read-only (default set). */
export async function toolsListSize(): Promise<ToolsListSizeResult> {
  return {
    all_plugins: await measure({ plugins: ['all'] }),
    default_set: await measure({}),
    read_only: await measure({ readOnly: true }),
  };
}
