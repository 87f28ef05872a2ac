import { expect } from '@jest/globals';
import type { SandboxedConnection } from './in-process.js';

/** The call is refused as invalid_input and nothing reaches the sandbox. */
export async function expectRefusedWithoutRequest(t: SandboxedConnection, tool: string, args: Record<string, unknown>): Promise<void> {
  t.sandbox.requests.clear();
  const result = await t.call(tool, args);
  expect(result.error?.code).toBe('invalid_input');
  expect(t.sandbox.requests.all()).toEqual([]);
}
