import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimHost, type SimHost } from '../../../sandbox/world/host.js';

export interface TestHost {
  host: SimHost;
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function makeHost(hostname = 'web-01'): Promise<TestHost> {
  const dataDir = await mkdtemp(join(tmpdir(), 'alpacon-sandbox-test-'));
  const host = createSimHost({
    hostname,
    osName: 'Ubuntu',
    osVersion: '22.04.4 LTS',
    cpuCores: 4,
    memoryBytes: 8 * 1024 ** 3,
    seed: 42,
    dataDir,
    users: ['alice', 'bob'],
  });
  return { host, dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}
