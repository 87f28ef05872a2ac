import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  claudeCodeCommand,
  cursorInstallLink,
  launchCommand,
  vscodeAddMcpCommand,
  vscodeInstallLink,
  vscodeWebInstallLink,
  type LaunchCommand,
} from '../../cli/client-config.js';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';

// Link formats: VS Code `vscode:mcp/install?<encodeURIComponent(JSON)>` with the `--add-mcp` object (VS Code MCP developer
// guide, "MCP URL handler"); Cursor `cursor://anysphere.cursor-deeplink/mcp/install?name=$NAME&config=$BASE64_ENCODED_CONFIG`
// (Cursor docs, "MCP Install Links").

const installed: LaunchCommand = launchCommand({ packageRoot: '/usr/lib/node_modules/alpacon-mcp' });
const custom: LaunchCommand = launchCommand({ packageRoot: '/usr/lib/node_modules/alpacon-mcp', tokenFile: "/home/o'neil/t.json", baseUrl: 'https://alpacon.example.com' });

/** Undoes one level of POSIX single-quoting as a shell would. */
function unquote(word: string): string {
  return word.startsWith("'") ? word.slice(1, -1).replace(/'\\''/g, "'") : word;
}

describe('install links, all from one launch configuration', () => {
  it('VS Code link decodes to the --add-mcp object (name, stdio command, args, env)', () => {
    for (const launch of [installed, custom]) {
      const link = vscodeInstallLink(launch);
      expect(link.startsWith('vscode:mcp/install?')).toBe(true);
      const decoded = JSON.parse(decodeURIComponent(link.slice('vscode:mcp/install?'.length))) as Record<string, unknown>;
      expect(decoded).toEqual({
        name: 'alpacon',
        type: 'stdio',
        command: launch.command,
        args: launch.args,
        ...(Object.keys(launch.env).length > 0 ? { env: launch.env } : {}),
      });
    }
    expect(JSON.parse(decodeURIComponent(vscodeInstallLink(installed).split('?')[1]))).toMatchObject({ command: 'npx', args: ['-y', 'alpacon-mcp'] });
  });

  it('the web redirect carries the same vscode: link', () => {
    const web = new URL(vscodeWebInstallLink(custom));
    expect(`${web.origin}${web.pathname}`).toBe('https://insiders.vscode.dev/redirect');
    expect(web.searchParams.get('url')).toBe(vscodeInstallLink(custom));
  });

  it('code --add-mcp gets the same object as one shell word', () => {
    const command = vscodeAddMcpCommand(custom);
    expect(command.startsWith('code --add-mcp ')).toBe(true);
    const json = JSON.parse(unquote(command.slice('code --add-mcp '.length))) as Record<string, unknown>;
    expect(json).toEqual(JSON.parse(decodeURIComponent(vscodeInstallLink(custom).split('?')[1])));
    expect(json.args).toEqual(['-y', 'alpacon-mcp', '--token-file', "/home/o'neil/t.json"]);
  });

  it('Cursor deeplink: name in `name`, the mcp.json entry as base64 JSON in `config`', () => {
    const link = cursorInstallLink(custom);
    expect(link.startsWith('cursor://anysphere.cursor-deeplink/mcp/install?')).toBe(true);
    const query = new URLSearchParams(link.split('?')[1]);
    expect(query.get('name')).toBe('alpacon');
    expect(JSON.parse(Buffer.from(query.get('config')!, 'base64').toString('utf8'))).toEqual({
      command: 'npx',
      args: custom.args,
      env: { ALPACON_MCP_BASE_URL: 'https://alpacon.example.com' },
    });
  });

  it('the README shows the links of the published package (npx -y alpacon-mcp), exactly as setup builds them', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const firstLines = readme.split('\n').slice(0, 12).join('\n');
    expect(firstLines).toContain('npx -y alpacon-mcp');
    expect(firstLines).toContain('npx -y alpacon-mcp --sandbox');
    expect(readme).toContain(vscodeWebInstallLink(installed));
    expect(readme).toContain(cursorInstallLink(installed));
    expect(readme).toContain(vscodeAddMcpCommand(installed));
    expect(readme).toContain(claudeCodeCommand(installed));
  });
});
