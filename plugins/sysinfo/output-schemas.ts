/** JSON Schemas of the stable result shapes (compact: they count against the tools/list budget). */

/** `{server_id, count, truncated, <key>: [...], note?}` */
export function listOutput(key: string): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      server_id: { type: 'string' },
      count: { type: 'integer' },
      truncated: { type: 'boolean' },
      [key]: { type: 'array', items: { type: 'object' } },
      note: { type: 'string' },
    },
    required: ['server_id', 'count', 'truncated', key],
  };
}

export const DISK_INFO_OUTPUT = {
  type: 'object',
  properties: {
    server_id: { type: 'string' },
    disks: { type: 'array', items: { type: 'object' } },
    partitions: { type: 'array', items: { type: 'object' } },
    note: { type: 'string' },
  },
  required: ['server_id', 'disks', 'partitions'],
};
