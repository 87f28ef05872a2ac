import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';

// The MCP Registry's server.json (schema 2025-12-11): what it must agree with in this repository.

interface EnvVar { name: string; isRequired?: boolean; isSecret?: boolean; format?: string; default?: string; choices?: string[] }
interface Pkg { registryType: string; identifier: string; version?: string; transport: { type: string; url?: string }; environmentVariables?: EnvVar[] }
interface ServerJson { $schema: string; name: string; description: string; version: string; packages: Pkg[] }

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const serverJson = JSON.parse(read('server.json')) as ServerJson;
const packageJson = JSON.parse(read('package.json')) as { name: string; version: string; mcpName: string };

/** Every source file a variable could be read in. */
function sourceText(): string {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
  return ['core', 'cli'].flatMap(walk).map(read).join('\n');
}

describe('server.json', () => {
  it('names the server as package.json mcpName does, in the registry name format, with one version', () => {
    expect(serverJson.$schema).toBe('https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json');
    expect(serverJson.name).toBe(packageJson.mcpName);
    expect(serverJson.name).toMatch(/^io\.github\.[a-zA-Z0-9-]+\/[a-zA-Z0-9._-]+$/);
    expect(serverJson.description.length).toBeLessThanOrEqual(100);
    expect(serverJson.version).toBe(packageJson.version);
  });

  it('describes the npm package (stdio) and the container image (Streamable HTTP on the image port)', () => {
    const npm = serverJson.packages.find((p) => p.registryType === 'npm');
    expect(npm).toMatchObject({ identifier: packageJson.name, version: packageJson.version, transport: { type: 'stdio' } });
    const oci = serverJson.packages.find((p) => p.registryType === 'oci');
    expect(oci?.identifier).toMatch(new RegExp(`^(docker\\.io|ghcr\\.io|quay\\.io)/[\\w.-]+/[\\w.-]+:${packageJson.version.replace(/\./g, '\\.')}$`));
    expect(oci?.transport).toMatchObject({ type: 'streamable-http', url: 'http://localhost:8237/mcp' });
    expect(oci?.environmentVariables?.find((v) => v.name === 'ALPACON_MCP_SERVER_TOKEN')).toMatchObject({ isRequired: true, isSecret: true });
  });

  it('lists only variables the server reads, and marks every token secret', () => {
    const source = sourceText();
    for (const pkg of serverJson.packages) {
      for (const variable of pkg.environmentVariables ?? []) {
        expect(source).toMatch(new RegExp(`['.]${variable.name}\\b`));
        if (/_TOKEN$/.test(variable.name)) expect(variable.isSecret).toBe(true);
        if (variable.default !== undefined && variable.choices) expect(variable.choices).toContain(variable.default);
      }
    }
  });
});
