import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { claudeCodeCommand, claudeDesktopConfigFile, launchCommand, mcpServersJson, packageRoot, vscodeJson } from '../../cli/client-config.js';
import { en } from '../../cli/i18n/en.js';
import { messagesFor, pickLanguage } from '../../cli/i18n/index.js';
import { ko } from '../../cli/i18n/ko.js';
import { runWizard } from '../../cli/wizard.js';
import { makeIo, freshDirsEachTest } from './helpers.js';

describe('message catalogues', () => {
  it('Korean and English have the same keys, and every message is non-empty and different text', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    const sample = (value: unknown): string =>
      typeof value === 'function' ? String((value as (...a: string[]) => unknown)('a', 'b', 'c', 'd')) : typeof value === 'string' ? value : JSON.stringify(value);
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(sample(en[key]).length).toBeGreaterThan(0);
      expect(sample(ko[key]).length).toBeGreaterThan(0);
    }
    expect(ko.askToken).not.toBe(en.askToken);
  });

  it('picks --lang, then ALPACON_MCP_LANG, then Korean', () => {
    expect(pickLanguage([], {})).toEqual({ language: 'ko' });
    expect(pickLanguage([], { ALPACON_MCP_LANG: 'en' })).toEqual({ language: 'en' });
    expect(pickLanguage([], { ALPACON_MCP_LANG: 'en_US.UTF-8' })).toEqual({ language: 'en' });
    expect(pickLanguage(['list', '--lang', 'ko'], { ALPACON_MCP_LANG: 'en' })).toEqual({ language: 'ko' });
    expect(pickLanguage(['--lang=en'], {})).toEqual({ language: 'en' });
    expect(pickLanguage(['--lang', 'de'], {})).toEqual({ language: 'ko', invalid: 'de' });
    expect(pickLanguage(['sandbox', '--', '--lang', 'de'], {})).toEqual({ language: 'ko' });
    expect(messagesFor('en')).toBe(en);
  });
});

describe('client configuration', () => {
  it('a checkout is started as <node> <root>/bin/alpacon-mcp.js with absolute paths', () => {
    const root = packageRoot();
    expect(existsSync(path.join(root, 'package.json'))).toBe(true);
    const launch = launchCommand({ nodePath: '/opt/node/bin/node' });
    expect(launch).toEqual({ command: '/opt/node/bin/node', args: [path.join(root, 'bin', 'alpacon-mcp.js')], env: {} });
  });

  it('an installed package uses npx; a custom token file and base URL are passed on', () => {
    const launch = launchCommand({
      packageRoot: '/usr/lib/node_modules/alpacon-mcp',
      tokenFile: '/home/me/my tokens/token.json',
      baseUrl: 'https://alpacon.example.com',
    });
    expect(launch.command).toBe('npx');
    expect(launch.args).toEqual(['-y', 'alpacon-mcp', '--token-file', '/home/me/my tokens/token.json']);
    expect(claudeCodeCommand(launch)).toBe(
      "claude mcp add alpacon -e ALPACON_MCP_BASE_URL=https://alpacon.example.com -- npx -y alpacon-mcp --token-file '/home/me/my tokens/token.json'",
    );
    expect(JSON.parse(mcpServersJson(launch))).toEqual({
      mcpServers: { alpacon: { command: 'npx', args: launch.args, env: { ALPACON_MCP_BASE_URL: 'https://alpacon.example.com' } } },
    });
    expect(JSON.parse(vscodeJson(launch)).servers.alpacon.type).toBe('stdio');
  });

  it('knows where Claude Desktop keeps its configuration', () => {
    expect(claudeDesktopConfigFile('darwin', '/Users/me')).toBe('/Users/me/Library/Application Support/Claude/claude_desktop_config.json');
    expect(claudeDesktopConfigFile('win32', 'C:\\Users\\me', { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' })).toBe(
      'C:\\Users\\me\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    );
    expect(claudeDesktopConfigFile('linux', '/home/me')).toBe('/home/me/.config/Claude/claude_desktop_config.json');
  });
});

describe('wizard cancellation by signal', () => {
  const dirs = freshDirsEachTest();

  it('an abort while a prompt is open writes nothing', async () => {
    const term = makeIo({ cwd: dirs.cwd, home: dirs.home, interactive: true });
    const controller = new AbortController();
    term.onOutput(() => {
      if (term.plain().includes('Workspace name')) controller.abort();
    });
    const file = path.join(dirs.home, '.alpacon-mcp', 'token.json');
    const outcome = await runWizard(
      { io: term.io, t: en, language: 'en', global: {} },
      { file, region: 'ap1', test: false, out: term.io.stdout, signal: controller.signal },
    );
    expect(outcome).toEqual({ status: 'cancelled' });
    expect(existsSync(path.dirname(file))).toBe(false);
    expect(term.plain()).toContain('Cancelled: nothing was written.');
  });
});
