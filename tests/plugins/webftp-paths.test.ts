import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from '../helpers/in-process.js';
import { checkLocalPathText, PathRefusedError } from '../../plugins/webftp/local-path.js';
import { webftpFixture, type WebftpFixture } from './webftp-helpers.js';

describe('webftp local and remote path rules (through MCP)', () => {
  let f: WebftpFixture;
  const call = (tool: string, args: Record<string, unknown>) => f.t.call(tool, { workspace: f.workspace, server_id: f.serverId, ...args });

  beforeAll(async () => {
    f = await webftpFixture();
    await writeFile(path.join(f.root, 'ok.txt'), 'ok');
    await mkdir(path.join(f.root, 'inner'));
    await symlink('/etc', path.join(f.root, 'etc-link'));
    await symlink('/etc/hostname', path.join(f.root, 'hostname-link'));
    await symlink(path.join(f.root, 'ok.txt'), path.join(f.root, 'inner', 'ok-link'));
  });
  afterAll(async () => f.t.close());

  const refusals: Array<[string, string, () => Record<string, unknown>]> = [
    ['absolute', 'webftp_upload_file', () => ({ local_file_path: 'ok.txt', remote_file_path: '/tmp/a' })],
    ['absolute', 'webftp_download_file', () => ({ local_file_path: './out.txt', remote_file_path: '/tmp/a' })],
    ['no_parent_segments', 'webftp_upload_file', () => ({ local_file_path: `${f.root}/inner/../ok.txt`, remote_file_path: '/tmp/a' })],
    ['no_parent_segments', 'webftp_download_file', () => ({ local_file_path: `${f.root}/../escape.txt`, remote_file_path: '/tmp/a' })],
    ['no_null_bytes', 'webftp_upload_file', () => ({ local_file_path: `${f.root}/ok.txt\u0000.png`, remote_file_path: '/tmp/a' })],
    ['inside_local_roots', 'webftp_upload_file', () => ({ local_file_path: '/etc/hostname', remote_file_path: '/tmp/a' })],
    ['inside_local_roots', 'webftp_download_file', () => ({ local_file_path: '/tmp/outside-roots.txt', remote_file_path: '/tmp/a' })],
    ['no_symlink_escape', 'webftp_upload_file', () => ({ local_file_path: `${f.root}/hostname-link`, remote_file_path: '/tmp/a' })],
    ['no_symlink_escape', 'webftp_upload_file', () => ({ local_file_path: `${f.root}/etc-link/hostname`, remote_file_path: '/tmp/a' })],
    ['no_symlink_escape', 'webftp_download_file', () => ({ local_file_path: `${f.root}/etc-link/new-file`, remote_file_path: '/tmp/a' })],
    ['remote_absolute', 'webftp_upload_file', () => ({ local_file_path: `${f.root}/ok.txt`, remote_file_path: 'tmp/a' })],
    ['remote_absolute', 'webftp_download_file', () => ({ local_file_path: `${f.root}/x.txt`, remote_file_path: 'etc/hostname' })],
    ['remote_no_null_bytes', 'webftp_upload_content', () => ({ content: 'x', remote_file_path: '/tmp/a\u0000b' })],
    ['remote_names_file', 'webftp_upload_content', () => ({ content: 'x', remote_file_path: '/tmp/' })],
  ];

  it.each(refusals.map(([rule, tool, args], i) => ({ rule, tool, args, i })))('$tool refuses rule $rule (#$i) and sends nothing', async ({ rule, tool, args }) => {
    f.t.sandbox.requests.clear();
    const result = await call(tool, args());
    expect(result.error?.code).toBe('path_refused');
    expect(result.error?.details?.rule).toBe(rule);
    expect(result.error?.message).toContain(rule);
    expect(f.t.sandbox.requests.all()).toHaveLength(0);
  });

  it('a symlink that stays inside the roots is allowed', async () => {
    const result = await call('webftp_upload_file', { local_file_path: `${f.root}/inner/ok-link`, remote_file_path: '/tmp/via-link.txt' });
    expect(result.error).toBeUndefined();
    expect((await f.t.sandbox.world.host(f.serverId).fs.readFile('/tmp/via-link.txt')).toString()).toBe('ok');
  });

  it('a missing local file is not_found and a folder is not uploadable, both before any request', async () => {
    f.t.sandbox.requests.clear();
    expect((await call('webftp_upload_file', { local_file_path: `${f.root}/missing.txt`, remote_file_path: '/tmp/a' })).error?.code).toBe('not_found');
    expect((await call('webftp_upload_file', { local_file_path: `${f.root}/inner`, remote_file_path: '/tmp/a' })).error?.code).toBe('invalid_input');
    expect(f.t.sandbox.requests.all()).toHaveLength(0);
  });
});

describe('webftp path rules on Windows (path.win32)', () => {
  const policy = { roots: ['C:\\Users\\me', '\\\\fileserver\\share'], pathApi: path.win32 };
  const ruleOf = (value: string): string | undefined => {
    try {
      checkLocalPathText(value, 'local_file_path', policy);
      return undefined;
    } catch (error) {
      return error instanceof PathRefusedError ? error.rule : 'other';
    }
  };

  it('accepts drive and UNC paths inside the roots, ignoring case', () => {
    expect(ruleOf('C:\\Users\\me\\report.txt')).toBeUndefined();
    expect(ruleOf('c:/users/ME/docs/report.txt')).toBeUndefined();
    expect(ruleOf('\\\\fileserver\\share\\a.bin')).toBeUndefined();
  });

  it('refuses drive-relative, parent segments in either separator, and other drives', () => {
    expect(ruleOf('\\Users\\me\\report.txt')).toBe('absolute');
    expect(ruleOf('C:report.txt')).toBe('absolute');
    expect(ruleOf('C:\\Users\\me\\..\\other\\x')).toBe('no_parent_segments');
    expect(ruleOf('C:/Users/me/../other/x')).toBe('no_parent_segments');
    expect(ruleOf('D:\\Users\\me\\x')).toBe('inside_local_roots');
    expect(ruleOf('C:\\Users\\meme\\x')).toBe('inside_local_roots');
  });
});

describe('webftp configuration', () => {
  it.each([
    [{ localRoots: ['relative/dir'] }],
    [{ localRoots: [] }],
    [{ localRoots: '/tmp' }],
    [{ roots: ['/tmp'] }],
  ])('refuses %j at startup with config_invalid', async (section) => {
    await expect(connect({ rc: { plugins: ['webftp'], webftp: section } })).rejects.toMatchObject({ code: 'config_invalid' });
  });
});
