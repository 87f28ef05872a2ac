/** Output schemas (of `data`) of the servers plugin, kept compact: they count toward the tools/list size. */

const usage = { type: ['object', 'null'] };

export const OVERVIEW_OUTPUT = {
  type: 'object',
  properties: {
    server: { type: ['object', 'null'] },
    system_info: {},
    os: {},
    metrics: {
      type: 'object',
      properties: { window_start: { type: 'string' }, window_end: { type: 'string' }, cpu: usage, memory: usage },
    },
    complete: { type: 'boolean' },
    errors: { type: 'array', items: { type: 'object', properties: { part: { type: 'string' }, code: { type: 'string' } } } },
  },
  required: ['server', 'metrics', 'complete', 'errors'],
};

export const NOTE_OUTPUT = {
  type: 'object',
  properties: { id: { type: 'string' }, content: { type: 'string' }, private: { type: 'boolean' }, pinned: { type: 'boolean' } },
  required: ['id'],
};
