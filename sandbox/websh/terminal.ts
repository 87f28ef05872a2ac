import type { WebSocket } from 'ws';
import type { WsFaults } from '../http/faults.js';
import type { SimShell } from '../world/host.js';
import { homeOf } from '../world/shell-types.js';
import type { SandboxGeneration } from '../generation.js';

/** How long the 2024 server's agent takes to join a new session's pty in the sandbox. */
const PTY_JOIN_MS = 60;
const green = (text: string): string => `\x1b[32m${text}\x1b[0m`;
/** websh/consumer.py WELCOME_MESSAGE (the alpacon banner), shortened to its first and last lines. */
const WELCOME_2024 = '\r\n\r\n (`-\')  _           _  (`-\') (`-\')  _                      <-. (`-\')_ \r\n `--\' `--\' `-----\' `--\'      `--\' `--\'   `-----\'   `-----\' `--\'  `--\' \r\n\r\n';

/**
 * The terminal side of one Websh session, shared by all its channels: a line editor with echo, a bash-like prompt,
 * Ctrl-C, bracketed paste, and `\r\n` output. Like bash 5.1+, it turns bracketed-paste mode on before each prompt
 * (`ESC[?2004h`) and off when a line is submitted (`ESC[?2004l\r`), so clients must cope with those bytes.
 */

export const PASTE_ON = '\x1b[?2004h';
export const PASTE_OFF = '\x1b[?2004l\r';
const PASTE_MARKERS = /\x1b\[20[01]~/g;

export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export interface TerminalOptions {
  /** Which server generation frames the terminal (see greet2024). */
  generation?: SandboxGeneration;
  /** The host is Windows: PowerShell's prompt, and POSIX commands are not recognised. */
  powershell?: boolean;
}

export class WebshTerminal {
  private readonly sockets = new Map<WebSocket, { sent: number }>();
  private line = '';
  private pending = '';
  private running: AbortController | undefined;
  private closed = false;
  /** 2024 server: whether the agent's pty has joined the session yet (input before that is lost). */
  private joined = false;

  constructor(
    private readonly shell: SimShell,
    private readonly hostname: string,
    private readonly faults: WsFaults,
    private readonly onExit: () => void,
    private readonly options: TerminalOptions = {},
  ) {}

  private get generation(): SandboxGeneration {
    return this.options.generation ?? 'current';
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  get connections(): number {
    return this.sockets.size;
  }

  attach(ws: WebSocket, readOnly: boolean): void {
    this.sockets.set(ws, { sent: 0 });
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      if (readOnly || this.closed) return;
      // 2024: the consumer forwards only text_data; a binary frame reaches the pty as nothing. Before the pty joined, input is lost.
      if (this.generation === '2024' && (isBinary || !this.joined)) return;
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      this.input(bytes.toString('utf8'));
    });
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => this.sockets.delete(ws));
    if (this.generation === '2024') {
      this.greet2024(ws);
      return;
    }
    if (!this.busy) this.sendTo(ws, `${PASTE_ON}${this.prompt()}${this.line}`);
  }

  /**
   * The 2024 server (alpacanetworks/alpacon-server websh/consumer.py): "Please wait until [server] becomes connected..."
   * at once, then, when the agent's pty channel joins, the banner and "Websh for [server] became ready.", then the shell.
   */
  private greet2024(ws: WebSocket): void {
    this.sendTo(ws, `Please wait until ${green(`[${this.hostname}]`)} becomes connected...`);
    if (this.joined) {
      if (!this.busy) this.sendTo(ws, `${PASTE_ON}${this.prompt()}${this.line}`);
      return;
    }
    setTimeout(() => {
      if (this.closed || this.joined) return;
      this.joined = true;
      this.broadcast(WELCOME_2024);
      this.broadcast(`Websh for ${green(`[${this.hostname}]`)} became ready.\r\n`);
      this.broadcast(`${PASTE_ON}${this.prompt()}`);
    }, PTY_JOIN_MS).unref();
  }

  /** Ends the session for every channel with close code 4000 (what the proxy and alpamon send); the 2024 server closes with 1000. */
  close(reason = 'Session closed'): void {
    if (this.closed) return;
    this.closed = true;
    this.running?.abort();
    for (const ws of this.sockets.keys()) ws.close(this.generation === '2024' ? 1000 : 4000, reason);
    this.sockets.clear();
  }

  prompt(): string {
    if (this.options.powershell === true) return `PS C:\\Users\\${this.shell.user}> `;
    const home = homeOf(this.shell.user);
    const cwd = this.shell.cwd;
    const shown = cwd === home ? '~' : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
    return `${this.shell.user}@${this.hostname}:${shown}${this.shell.user === 'root' ? '#' : '$'} `;
  }

  private input(text: string): void {
    if (this.running !== undefined) {
      const interrupt = text.indexOf('\x03');
      if (interrupt < 0) {
        this.pending += text;
        return;
      }
      // Like a tty on SIGINT: echo ^C, flush typeahead, interrupt the command.
      this.pending = '';
      this.broadcast('^C');
      this.running.abort();
      return;
    }
    this.edit(text.replace(PASTE_MARKERS, ''));
  }

  private edit(text: string): void {
    let echo = '';
    for (let index = 0; index < text.length; index += 1) {
      const char = text[index];
      if (char === '\r' || char === '\n') {
        if (char === '\r' && text[index + 1] === '\n') index += 1;
        const line = this.line;
        this.line = '';
        this.pending = text.slice(index + 1);
        this.broadcast(`${echo}\r\n${PASTE_OFF}`);
        void this.execute(line);
        return;
      }
      if (char === '\x03') {
        echo += '^C\r\n';
        this.line = '';
        this.broadcast(`${echo}${PASTE_ON}${this.prompt()}`);
        echo = '';
      } else if (char === '\x04') {
        if (this.line === '') {
          this.broadcast(`${echo}exit\r\n`);
          this.end();
          return;
        }
      } else if (char === '\x7f' || char === '\b') {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          echo += '\b \b';
        }
      } else if (char === '\x15') {
        echo += '\b \b'.repeat(this.line.length);
        this.line = '';
      } else if (char === '\x1b') {
        if (text[index + 1] === '[') {
          index += 2;
          while (index < text.length && !/[@-~]/.test(text[index])) index += 1;
        } else index += 1;
      } else if (char >= ' ' || char === '\t') {
        this.line += char === '\t' ? ' ' : char;
        echo += char === '\t' ? ' ' : char;
      }
    }
    if (echo !== '') this.broadcast(echo);
  }

  private async execute(line: string): Promise<void> {
    if (this.options.powershell === true && line.trim() !== '') {
      // A Windows host's default shell (alpamon pkg/utils/paths_windows.go) does not know POSIX words such as printf.
      const word = line.trim().split(/\s+/)[0];
      this.broadcast(crlf(`${word} : The term '${word}' is not recognized as the name of a cmdlet, function, script file, or operable program.\n`));
      this.broadcast(`${PASTE_ON}${this.prompt()}`);
      return;
    }
    if (line.trim() !== '') {
      const controller = new AbortController();
      this.running = controller;
      const result = await this.shell.run(line, controller.signal, (output) => this.broadcast(crlf(output)));
      this.running = undefined;
      if (this.closed) return;
      if (result.interrupted) this.broadcast('\r\n');
      if (result.exited) {
        this.broadcast('exit\r\n');
        this.end();
        return;
      }
    }
    this.broadcast(`${PASTE_ON}${this.prompt()}`);
    const pending = this.pending;
    this.pending = '';
    if (pending !== '') this.edit(pending.replace(PASTE_MARKERS, ''));
  }

  private end(): void {
    this.onExit();
    this.close('Session ended');
  }

  private broadcast(text: string): void {
    for (const ws of [...this.sockets.keys()]) this.sendTo(ws, text);
  }

  /** Sends one message, or drops the connection abruptly when the WebSocket drop fault says so. */
  private sendTo(ws: WebSocket, text: string): void {
    const counter = this.sockets.get(ws);
    if (counter === undefined || ws.readyState !== ws.OPEN) return;
    const limit = this.faults.dropAfterMessages;
    if (limit !== undefined && counter.sent >= limit) {
      this.sockets.delete(ws);
      ws.terminate();
      return;
    }
    counter.sent += 1;
    // The 2024 consumer sends text_data only.
    ws.send(Buffer.from(text, 'utf8'), { binary: this.generation !== '2024' });
  }
}
