/** JSON Schemas of the stable result shapes (compact: they count against the tools/list budget). */

/** `{server_id, count, truncated, <key>: [...], note?}` */
export function listOutput(key: string): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      count: { type: 'integer' },
      truncated: { type: 'boolean' },
      [key]: { type: 'array' },
      note: { type: 'string' },
    },
    required: ['count', 'truncated', key],
  };
}

export const DISK_INFO_OUTPUT = {
  type: 'object',
  properties: {
    disks: { type: 'array' },
    partitions: { type: 'array' },
    note: { type: 'string' },
  },
  required: ['disks', 'partitions'],
};
