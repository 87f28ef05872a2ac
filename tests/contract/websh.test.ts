import { expect, it } from '@jest/globals';
import { describeGenerations } from './generations.js';

/**
 * Websh framing against both server generations (shared/alpacon-api.md section 0, "Websh input", "agent shell"):
 * - today's CLI sends binary frames (alpacon-cli api/websh/websh.go);
 * - the 2024 server forwards only text frames, sends "Please wait..." first and the banner once the agent's terminal
 *   joins (input before that is lost), and closes with 1000 (alpacanetworks/alpacon-server websh/consumer.py).
 *   A command that went out as binary, or before the terminal joined, would never run there: these tests would time out.
 * - Windows hosts run PowerShell by default (alpacax/alpamon pkg/utils/paths_windows.go): a clear error, not a timeout.
 */
describeGenerations('Websh contract', ({ generation, mcp }) => {
  const connected = () => mcp().sandbox.world.servers.all().filter((s) => s.is_connected);
  const call = (tool: string, args: Record<string, unknown>) => mcp().call(tool, { workspace: mcp().sandbox.workspace, ...args });

  it('execute_command runs on a fresh terminal and reads output and exit status', async () => {
    const outcome = await call('execute_command', { server_id: connected()[0].id, command: 'echo contract-ok; false', timeout: 20 });
    expect(outcome.error).toBeUndefined();
    expect(outcome.data).toMatchObject({ exit_code: 1 });
    expect((outcome.data as { output: string }).output.trim()).toBe('contract-ok');
  });

  it('a second command on the same terminal works too', async () => {
    const outcome = await call('execute_command', { server_id: connected()[0].id, command: 'pwd', timeout: 20 });
    expect(outcome.error).toBeUndefined();
    expect((outcome.data as { exit_code: number }).exit_code).toBe(0);
  });

  it(`the shell ending is a normal end (close code ${generation === '2024' ? 1000 : 4000})`, async () => {
    const outcome = await call('execute_command', { server_id: connected()[0].id, command: 'exit', timeout: 20 });
    expect(outcome.error).toBeUndefined();
    expect(outcome.data).toMatchObject({ session_ended: true });
  });

  it('a Windows host (PowerShell) answers unsupported at once, not after the timeout', async () => {
    const windows = connected()[1];
    windows.os_platform = 'windows';
    const started = Date.now();
    const outcome = await call('execute_command', { server_id: windows.id, command: 'echo hi', timeout: 60 });
    expect(outcome.error).toMatchObject({ code: 'unsupported', details: { shell: 'powershell' } });
    expect(Date.now() - started).toBeLessThan(60_000);
  });
}, { sandbox: { servers: 4 } });
