import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors/index.js';
import { redactArguments } from './redact-arguments.js';

export interface AuditEntry {
  tool: string;
  workspace?: string;
  region?: string;
  server?: string | string[];
  input: object;
  outcome: 'ok' | 'error' | 'refused';
  error_code?: string;
  duration_ms: number;
}

/**
 * Appends one JSON line per call. Writes are chained so lines never interleave within the process, and each line is a single
 * O_APPEND write so concurrent processes sharing the file do not tear each other's lines.
 */
export class AuditLog {
  private chain: Promise<void> = Promise.resolve();
  private prepared: Promise<void> | undefined;

  constructor(readonly file: string) {}

  append(entry: AuditEntry, now = new Date()): Promise<void> {
    const { input, ...rest } = entry;
    const line = JSON.stringify({ time: now.toISOString(), ...rest, arguments: redactArguments(input) }) + '\n';
    this.chain = this.chain.then(() => this.write(line));
    return this.chain;
  }

  private async write(line: string): Promise<void> {
    this.prepared ??= fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 }).then(() => undefined);
    await this.prepared;
    await fs.appendFile(this.file, line, { encoding: 'utf8', mode: 0o600, flag: 'a' });
  }
}

/** Reads the `audit` section: `{ "file": "/var/log/alpacon-mcp/audit.jsonl" }` (relative paths from the config's folder). */
export function parseAuditSection(section: Record<string, unknown> | undefined, baseDir: string, source?: string): AuditLog | undefined {
  if (!section) return undefined;
  for (const key of Object.keys(section)) if (key !== 'file') throw new ConfigError(`unknown key "audit.${key}" (known: file)`, source);
  if (typeof section.file !== 'string' || section.file.length === 0) throw new ConfigError('"audit.file" must be a file path', source);
  return new AuditLog(path.resolve(baseDir, section.file));
}
