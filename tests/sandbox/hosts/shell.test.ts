import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { SimShell } from '../../../sandbox/world/host.js';
import { makeHost, type TestHost } from './helpers.js';

describe('simulated shell', () => {
  let env: TestHost;
  let shell: SimShell;
  const run = (line: string) => shell.run(line);

  beforeEach(async () => {
    env = await makeHost();
    shell = env.host.openShell({ user: 'alice' });
  });
  afterEach(() => env.cleanup());

  it('starts in the home directory and knows who it is', async () => {
    expect(await run('pwd')).toMatchObject({ output: '/home/alice\n', exitCode: 0 });
    expect((await run('whoami')).output).toBe('alice\n');
    expect((await run('hostname')).output).toBe('web-01\n');
    expect((await run('id')).output).toBe('uid=1000(alice) gid=1000(alice) groups=1000(alice)\n');
    expect((await run('echo $HOME $USER')).output).toBe('/home/alice alice\n');
  });

  it('keeps cwd across lines and reports cd errors like bash', async () => {
    await run('cd /etc');
    expect(shell.cwd).toBe('/etc');
    expect((await run('pwd')).output).toBe('/etc\n');
    expect(await run('cd /nope')).toMatchObject({ output: 'bash: cd: /nope: No such file or directory\n', exitCode: 1 });
    expect(await run('cd /root')).toMatchObject({ output: 'bash: cd: /root: Permission denied\n', exitCode: 1 });
    await run('cd');
    expect(shell.cwd).toBe('/home/alice');
    await run('cd -');
    expect(shell.cwd).toBe('/etc');
  });

  it('expands $? after each command and sequences ; && ||', async () => {
    expect((await run('false; echo $?')).output).toBe('1\n');
    expect((await run('true && echo yes || echo no')).output).toBe('yes\n');
    expect((await run('false && echo yes || echo no')).output).toBe('no\n');
    expect((await run('false || true && echo ok')).output).toBe('ok\n');
    expect(await run('exit 3')).toMatchObject({ exitCode: 3, exited: true });
    expect((await run('echo $?')).output).toBe('3\n');
  });

  it('handles quotes, escapes and printf', async () => {
    expect((await run(`echo 'a  $HOME' "b  $USER" c\\ d`)).output).toBe('a  $HOME b  alice c d\n');
    expect((await run('echo -n hi')).output).toBe('hi');
    expect((await run(`printf '%s=%d\\n' a 1 b 2`)).output).toBe('a=1\nb=2\n');
    expect((await run(`printf "%05d|%-3s|\\n" 42 x`)).output).toBe('00042|x  |\n');
    expect((await run('echo "unterminated')).exitCode).toBe(2);
  });

  it('unknown commands exit 127 with the bash message', async () => {
    expect(await run('frobnicate --now')).toMatchObject({ output: 'bash: frobnicate: command not found\n', exitCode: 127 });
  });

  it('redirects into files, appends, and reads them back', async () => {
    await run('echo one > notes.md');
    await run('echo two >> notes.md');
    expect((await run('cat notes.md')).output).toBe('one\ntwo\n');
    expect((await run('wc -l notes.md')).output).toBe('2 notes.md\n');
    expect((await run('cat notes.md | wc -l')).output).toBe('2\n');
    expect((await run('cat /nope 2>/dev/null; echo $?')).output).toBe('1\n');
    expect((await run('cat /nope > err.txt 2>&1; cat err.txt')).output).toBe('cat: /nope: No such file or directory\n');
    expect(await run('echo x > /etc/passwd')).toMatchObject({ output: 'bash: /etc/passwd: Permission denied\n', exitCode: 1 });
  });

  it('lists, creates and removes files', async () => {
    await run('mkdir -p a/b/c && touch a/b/file.txt');
    expect((await run('ls a/b')).output).toBe('c\nfile.txt\n');
    expect((await run('ls -a a')).output).toBe('.\n..\nb\n');
    expect((await run('ls -l a/b')).output).toMatch(/^total \d+\ndrwxr-xr-x 2 alice alice 4096 \w{3} [ \d]\d \d\d:\d\d c\n-rw-r--r-- 1 alice alice +0 /);
    expect(await run('ls /missing')).toMatchObject({ output: "ls: cannot access '/missing': No such file or directory\n", exitCode: 2 });
    expect(await run('rm a')).toMatchObject({ output: "rm: cannot remove 'a': Is a directory\n", exitCode: 1 });
    expect((await run('rm -r a && ls')).output).toBe('notes.txt\n');
    expect((await run('ls *.txt')).output).toBe('notes.txt\n');
  });

  it('head, tail, grep and seeded system files', async () => {
    await run('printf "%s\\n" 1 2 3 4 5 6 7 8 9 10 11 12 > n.txt');
    expect((await run('head -n 2 n.txt')).output).toBe('1\n2\n');
    expect((await run('tail -3 n.txt')).output).toBe('10\n11\n12\n');
    expect((await run('grep 1 n.txt | wc -l')).output).toBe('4\n');
    expect((await run('cat /etc/hostname')).output).toBe('web-01\n');
    expect((await run('grep PRETTY /etc/os-release')).output).toBe('PRETTY_NAME="Ubuntu 22.04.4 LTS"\n');
    expect((await run('wc -l /var/log/syslog')).output).toBe('20 /var/log/syslog\n');
  });

  it('system commands give stable, plausible output', async () => {
    const uname = (await run('uname -a')).output;
    expect(uname).toMatch(/^Linux web-01 5\.15\.0-\d+-generic .* x86_64 GNU\/Linux\n$/);
    expect((await run('uname')).output).toBe('Linux\n');
    expect((await run('free -m')).output).toMatch(/^ +total +used +free +shared +buff\/cache +available\nMem: +8192 /);
    expect((await run('df -h')).output).toMatch(/^Filesystem +Size +Used +Avail +Use% +Mounted on\n/);
    expect((await run('uptime')).output).toMatch(/up .* load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d\n$/);
    expect((await run('date +%Y')).output).toBe(`${new Date().getUTCFullYear()}\n`);
    const again = await (await makeHostOutput('free -m'));
    expect(again).toBe((await run('free -m')).output);
  });

  it('sleep is cancellable and reports 130', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = shell.run('echo before; sleep 30; echo after', controller.signal);
    setTimeout(() => controller.abort(), 50);
    const result = await pending;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ output: 'before\n', exitCode: 130, interrupted: true });
  });

  it('the same line gives the same output as exec and in a shell', async () => {
    const line = 'cd /etc && ls | head -3; uname -a; echo $?';
    const exec = await env.host.exec(line, { user: 'alice' });
    expect(exec.output).toBe((await run(line)).output);
  });

  it('variables, env and test', async () => {
    expect((await run('X=5; echo $X ${X}')).output).toBe('5 5\n');
    expect((await run('export Y=hi && env | grep ^Y=')).output).toBe('Y=hi\n');
    expect((await run('[ -f /etc/hostname ] && echo file')).output).toBe('file\n');
    expect((await run('test -d /nope; echo $?')).output).toBe('1\n');
    expect((await run('bash -c "echo inner; exit 4"; echo $?')).output).toBe('inner\n4\n');
  });

  it('eval runs in the same shell state, as the Websh plugin frames commands', async () => {
    const framed = (command: string) =>
      ` printf '__AMS_%s__\\n' X1; eval '${command.replace(/'/g, "'\\''")}'; printf '\\n__AME_%s_%s__\\n' X1 "$?"`;
    expect((await run(framed('cd /tmp'))).output).toBe('__AMS_X1__\n\n__AME_X1_0__\n');
    expect((await run('pwd')).output).toBe('/tmp\n');
    expect((await run(framed(`echo "it's"; false`))).output).toBe("__AMS_X1__\nit's\n\n__AME_X1_1__\n");
    expect((await run(framed('echo "unclosed'))).output).toMatch(/^__AMS_X1__\nbash: eval: line 1: unexpected EOF.*\n\n__AME_X1_2__\n$/);
    expect((await run(framed(''))).output).toBe('__AMS_X1__\n\n__AME_X1_0__\n');
    expect((await run(`printf '%s\\n' 'a\\tb'`)).output).toBe('a\\tb\n');
    expect(await run("eval 'exit 4'; echo after")).toMatchObject({ output: '', exitCode: 4, exited: true });
  });

  async function makeHostOutput(line: string): Promise<string> {
    const other = await makeHost();
    try {
      return (await other.host.exec(line, { user: 'alice' })).output;
    } finally {
      await other.cleanup();
    }
  }
});
