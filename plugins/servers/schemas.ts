/** Output schema (of `data`) of get_server_overview, kept compact: it counts toward the tools/list size. */
export const OVERVIEW_OUTPUT = {
  type: 'object',
  properties: { server: {}, system_info: {}, os: {}, metrics: { type: 'object' }, complete: { type: 'boolean' }, errors: { type: 'array' } },
  required: ['server', 'metrics', 'complete', 'errors'],
};
