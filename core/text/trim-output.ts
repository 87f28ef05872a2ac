export const OUTPUT_LIMIT_BYTES = 64 * 1024;

export interface TrimmedOutput {
  text: string;
  truncated: boolean;
  /** Bytes left out of the middle (0 when nothing was cut). */
  omitted_bytes: number;
  total_bytes: number;
}

/**
 * Keeps command output within `limit` bytes: the head and the tail (where errors and summaries usually are), with a marker in
 * the middle saying how much was cut.
 */
export function trimOutput(text: string, limit = OUTPUT_LIMIT_BYTES): TrimmedOutput {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return { text, truncated: false, omitted_bytes: 0, total_bytes: bytes.length };
  const half = Math.floor(limit / 2);
  const head = bytes.subarray(0, half).toString('utf8').replace(/\uFFFD$/, '');
  const tail = bytes.subarray(bytes.length - half).toString('utf8').replace(/^\uFFFD/, '');
  const omitted = bytes.length - Buffer.byteLength(head) - Buffer.byteLength(tail);
  const marker = `\n… [${omitted} bytes of output cut; ${bytes.length} bytes in all. Narrow the command (grep, head, tail) to see the middle] …\n`;
  return { text: head + marker + tail, truncated: true, omitted_bytes: omitted, total_bytes: bytes.length };
}
