import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString } from 'class-validator';
import * as classValidator from 'class-validator';
import * as ours from '../../core/dto/class-validator.js';
import { JSONSchema } from '../../core/decorators/json-schema.js';
import { checkManifest } from '../../core/plugins/check-manifest.js';
import { inputFingerprint } from '../../core/registry/input-fingerprint.js';
import { prepareSchemas, type PreparedSchemasFile } from '../../core/registry/prepared-schemas.js';
import { BUILTIN_PLUGINS } from '../../plugins/builtin.js';
import { connect } from '../helpers/in-process.js';
import { PROJECT_ROOT, spawnServer } from '../helpers/spawn-server.js';

async function allManifests() {
  const manifests = [];
  // One at a time: jest's ESM loader does not take parallel imports of the same dependencies.
  for (const [name, load] of Object.entries(BUILTIN_PLUGINS)) manifests.push(checkManifest(name, await load()));
  return manifests;
}

async function toolsList(options: { preparedSchemas?: string }) {
  const c = await connect({ rc: { plugins: ['all'], outputSchemas: true }, env: {}, ...options });
  try {
    return (await c.client.listTools()).tools;
  } finally {
    await c.close();
  }
}

async function writePrepared(file: PreparedSchemasFile): Promise<string> {
  const target = path.join(await mkdtemp(path.join(tmpdir(), 'alpacon-prepared-')), 'prepared-schemas.json');
  await writeFile(target, JSON.stringify(file));
  return target;
}

describe('input schemas prepared at build time', () => {
  it('give exactly the tools/list that describing every DTO at load gives', async () => {
    const prepared = prepareSchemas(await allManifests());
    expect(Object.values(prepared.plugins).reduce((n, tools) => n + Object.keys(tools).length, 0)).toBeGreaterThan(100);
    const fromPrepared = await toolsList({ preparedSchemas: await writePrepared(prepared) });
    expect(fromPrepared).toEqual(await toolsList({}));
  });

  it('are used while they match the decorators, and ignored once they do not', async () => {
    const prepared = prepareSchemas(await allManifests());
    const entry = prepared.plugins.servers.get_server;
    const marked = { ...entry.schema, properties: { ...(entry.schema.properties as object), server_id: { type: 'string', description: 'PREPARED' } } };
    prepared.plugins.servers.get_server = { ...entry, schema: marked };
    const used = (await toolsList({ preparedSchemas: await writePrepared(prepared) })).find((t) => t.name === 'get_server');
    expect((used?.inputSchema.properties as Record<string, { description: string }>).server_id.description).toBe('PREPARED');

    prepared.plugins.servers.get_server = { ...entry, schema: marked, fingerprint: 'made-from-other-decorators' };
    const fresh = (await toolsList({ preparedSchemas: await writePrepared(prepared) })).find((t) => t.name === 'get_server');
    expect((fresh?.inputSchema.properties as Record<string, { description: string }>).server_id.description).not.toBe('PREPARED');
  });

  it('fingerprint every decorator the schema depends on', () => {
    const make = (variant: 'plain' | 'described' | 'typed') => {
      class Probe {
        @(variant === 'typed' ? IsInt() : IsString())
        @JSONSchema({ description: variant === 'described' ? 'Another text' : 'A text' })
        value!: string;
      }
      return Probe;
    };
    const [plain, described, typed] = [make('plain'), make('described'), make('typed')];
    expect(inputFingerprint(plain)).toBe(inputFingerprint(make('plain')));
    expect(new Set([inputFingerprint(plain), inputFingerprint(described), inputFingerprint(typed)]).size).toBe(3);
  });
});

describe('class-validator one decorator module at a time', () => {
  it('exports class-validator\'s own functions', () => {
    const exported = Object.entries(ours).filter(([, value]) => typeof value === 'function');
    expect(exported.length).toBeGreaterThan(80);
    for (const [name, value] of exported) {
      if (name === 'validate' || name === 'validateSync') continue; // ours: the same Validator, without class-validator's index
      expect({ name, same: value === (classValidator as Record<string, unknown>)[name] }).toEqual({ name, same: true });
    }
  });
});

describe('start-up loads only what is used', () => {
  it('serves tools/list without the schema generator, class-validator\'s index or libphonenumber', async () => {
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'plugins', 'prepare-schemas.js')], { stdio: 'ignore' });
    const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-lean-start-'));
    await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify({ plugins: ['all'], logLevel: 'error' }));
    const out = path.join(cwd, 'loaded.json');
    const server = await spawnServer({
      cwd,
      env: {
        NODE_OPTIONS: `--require ${path.join(PROJECT_ROOT, 'tests', 'fixtures', 'record-loaded-modules.cjs')}`,
        LOADED_MODULES_OUT: out,
        ALPACON_MCP_AP1_ACME_TOKEN: 'token-of-the-only-workspace',
      },
    });
    const { tools } = await server.client.listTools();
    expect(tools.length).toBeGreaterThan(100);
    await server.close();
    for (let waited = 0; !existsSync(out) && waited < 100; waited += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const loaded = JSON.parse(readFileSync(out, 'utf8')) as string[];
    expect(loaded.some((file) => file.includes(`${path.sep}class-validator${path.sep}cjs${path.sep}decorator`))).toBe(true);
    const unwanted = loaded.filter((file) =>
      /libphonenumber-js|js-yaml|semver[\\/]index\.js|class-validator-jsonschema[\\/]build[\\/]index\.js|class-validator[\\/]cjs[\\/]index\.js|lodash\.merge|validator[\\/]index\.js/.test(file),
    );
    expect(unwanted).toEqual([]);
  });
});
