import { readFile } from 'node:fs/promises';

/** Resident set size of another process in bytes (Linux /proc; undefined elsewhere). */
export async function rssOf(pid: number | null | undefined): Promise<number | undefined> {
  if (pid === null || pid === undefined) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export const mib = (bytes: number | undefined): number | undefined => (bytes === undefined ? undefined : Number((bytes / 1024 / 1024).toFixed(1)));
