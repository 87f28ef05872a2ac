import { cleanTerminalText } from './framing.js';

/**
 * What a new Websh terminal says before it can take a command, and how it wants input.
 * - Today's service (alpacon-cli `api/websh/websh.go`) carries terminal bytes in binary frames; the shell's prompt is
 *   the sign it is ready (a login banner or MOTD may come first, so the first byte is not).
 * - The 2024 server (alpacanetworks/alpacon-server `websh/consumer.py`) sends "Please wait until [server] becomes
 *   connected..." as a text frame at once, forwards only text frames, and the agent's terminal joins later: its banner
 *   ends with "Websh for [server] became ready.", and input sent before that is lost.
 * - Windows hosts run PowerShell by default (alpamon `pkg/utils/paths_windows.go`); the POSIX framing cannot run there.
 */
export type ShellKind = 'posix' | 'powershell' | 'unknown';

const WAIT_2024 = /Please wait until .* becomes connected/;
const READY_2024 = /became ready\./;
const POWERSHELL_PROMPT = /(?:^|\n)PS [^\n>]*>\s*$/;
const POSIX_PROMPT = /[$#%>]\s*$/;
/** Output quiet this long after the terminal spoke counts as ready even without a recognised prompt. */
export const SETTLE_MS = 300;

export class TerminalHandshake {
  /** Input goes as text frames (the 2024 server drops binary ones). */
  textInput = false;
  shell: ShellKind = 'unknown';
  private waitingForAgent = false;
  private spoke = false;
  private tail = '';
  private settle: NodeJS.Timeout | undefined;
  private done = false;
  private markReady: () => void = () => undefined;
  readonly ready: Promise<void>;

  constructor() {
    this.ready = new Promise<void>((resolve) => (this.markReady = resolve));
  }

  get isReady(): boolean {
    return this.done;
  }

  /** True while the 2024 server still waits for the agent's terminal to join. */
  get awaitingAgent(): boolean {
    return this.waitingForAgent;
  }

  /** Feeds one server message; resolves `ready` once the shell waits for input. */
  feed(text: string, isBinary: boolean): void {
    if (this.done) return;
    if (!this.spoke && !isBinary && WAIT_2024.test(text)) {
      this.textInput = true;
      this.waitingForAgent = true;
    }
    this.spoke = true;
    this.tail = cleanTerminalText(this.tail + text).slice(-2048);
    if (this.waitingForAgent) {
      if (!READY_2024.test(this.tail)) return;
      this.waitingForAgent = false;
      this.tail = this.tail.slice(this.tail.search(READY_2024));
    }
    if (POWERSHELL_PROMPT.test(this.tail)) this.shell = 'powershell';
    else if (POSIX_PROMPT.test(this.tail)) this.shell = 'posix';
    if (this.shell !== 'unknown') return this.finish();
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.finish(), SETTLE_MS);
    this.settle.unref();
  }

  /** Stops waiting (socket closed or the overall timeout): whatever is known stays known. */
  finish(): void {
    if (this.done) return;
    clearTimeout(this.settle);
    this.done = true;
    this.markReady();
  }
}

/** PowerShell's answer to the POSIX framing (`printf`, `eval`): seen when no prompt gave the shell away. */
export const POWERSHELL_REFUSAL = /is not recognized as (?:the )?name of a cmdlet|The term 'printf' is not recognized/i;
