import { randomBytes } from 'node:crypto';

/**
 * Framing of one command on a terminal stream, which has no message boundaries. The command is sent as ONE line:
 *
 *   ` printf '__AMS_%s__\n' ID; eval '<command>'; printf '\n__AME_%s_%s__\n' ID "$?"`
 *
 * The echo of that line shows `%s` where the printed markers show the id, so the echo (and any prompt, bracketed-paste
 * switch or typeahead redisplay before it) never matches: everything before the start marker is dropped, everything
 * between the markers is the command's output, and the end marker carries its exit status. `eval` keeps the outer line
 * well-formed whatever the command holds (a syntax error gives status 2 instead of a continuation prompt; a trailing
 * comment or `&` cannot swallow the end marker). The leading space keeps the line out of bash history (ignorespace).
 */

export interface FramedCommand {
  id: string;
  /** Bytes to type, Enter included. */
  line: string;
}

// A random per-process prefix plus a counter: unique per command, unguessable by command output, and cheap.
const ID_PREFIX = randomBytes(6).toString('hex');
let idCounter = 0;
export const newFrameId = (): string => `${ID_PREFIX}${(idCounter++).toString(16).padStart(6, '0')}`;

export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export function frameCommand(command: string, id = newFrameId()): FramedCommand {
  return { id, line: ` printf '__AMS_%s__\\n' ${id}; eval ${shellQuote(command)}; printf '\\n__AME_%s_%s__\\n' ${id} "$?"\r` };
}

/** A line that only prints a marker: used to find a known state after an interrupt. */
export function frameSync(id = newFrameId()): FramedCommand {
  return { id, line: ` printf '__AMR_%s__\\n' ${id}\r` };
}

export const syncMarker = (id: string): string => `__AMR_${id}__`;

/** Keeps at most this many characters of output in memory; the middle of anything larger is counted, not kept. */
const KEEP_HEAD = 1024 * 1024;
const KEEP_TAIL = 1024 * 1024;
const MARKER_WINDOW = 128;

/**
 * Where the start marker `__AMS_<id>__`, then any `\r`, then `\n` ends in `text`, or -1. Plain string search: a RegExp per
 * command id would be compiled for every command.
 */
export function findStartMarker(text: string, id: string): number {
  const marker = `__AMS_${id}__`;
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
    let next = at + marker.length;
    while (text.charCodeAt(next) === 13) next += 1;
    if (text.charCodeAt(next) === 10) return next + 1;
  }
  return -1;
}

/** The end marker (any `\r`, `\n`, `__AME_<id>_<status>__`) in `text`: where it begins and the exit status, or undefined. */
export function findEndMarker(text: string, id: string): { index: number; exitCode: number } | undefined {
  const marker = `\n__AME_${id}_`;
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
    let digitsEnd = at + marker.length;
    while (isDigit(text.charCodeAt(digitsEnd))) digitsEnd += 1;
    if (digitsEnd === at + marker.length || !text.startsWith('__', digitsEnd)) continue;
    let index = at;
    while (index > 0 && text.charCodeAt(index - 1) === 13) index -= 1;
    return { index, exitCode: Number(text.slice(at + marker.length, digitsEnd)) };
  }
  return undefined;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Reads a terminal stream for one framed command: finds the start marker, collects output, and stops at the end marker. */
export class FrameReader {
  private preamble = '';
  private started = false;
  private head = '';
  private tail = '';
  private dropped = 0;
  private exitCode: number | undefined;

  constructor(readonly id: string) {}

  get done(): boolean {
    return this.exitCode !== undefined;
  }

  get hasStarted(): boolean {
    return this.started;
  }

  /** Feeds decoded terminal text; returns true once the end marker has been seen. */
  push(text: string): boolean {
    if (this.done) return true;
    if (!this.started) {
      this.preamble += text;
      const after = findStartMarker(this.preamble, this.id);
      if (after < 0) {
        if (this.preamble.length > 4 * MARKER_WINDOW) this.preamble = this.preamble.slice(-2 * MARKER_WINDOW);
        return false;
      }
      this.started = true;
      text = this.preamble.slice(after);
      this.preamble = '';
    }
    const searchFrom = Math.max(0, this.tail.length - MARKER_WINDOW);
    this.tail += text;
    const end = findEndMarker(this.tail.slice(searchFrom), this.id);
    if (end !== undefined) {
      this.tail = this.tail.slice(0, searchFrom + end.index);
      this.exitCode = end.exitCode;
      return true;
    }
    this.spill();
    return false;
  }

  /** What was collected so far (also usable when the command never finished). */
  result(): { raw: string; exitCode: number | undefined; droppedChars: number } {
    return { raw: this.head + this.tail, exitCode: this.exitCode, droppedChars: this.dropped };
  }

  private spill(): void {
    const limit = KEEP_TAIL + MARKER_WINDOW;
    if (this.tail.length <= 2 * limit) return;
    const excess = this.tail.slice(0, this.tail.length - limit);
    this.tail = this.tail.slice(-limit);
    const room = Math.max(0, KEEP_HEAD - this.head.length);
    this.head += excess.slice(0, room);
    this.dropped += Math.max(0, excess.length - room);
  }
}

// CSI (incl. private modes like ESC[?2004h), OSC (terminated by BEL or ST), and two-byte escapes.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[@-Z\\-_]|\x1b[()][0-9A-Za-z]/g;

/** Terminal bytes → plain text: no escape sequences, `\n` line ends, and what a carriage return overwrote left out. */
export function cleanTerminalText(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(/\r+\n/g, '\n')
    .split('\n')
    .map((line) => (line.includes('\r') ? line.slice(line.lastIndexOf('\r') + 1) : line))
    .join('\n')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (char) => (char === '\t' ? char : ''));
}
