/** Output schemas (of `data`) of the iam plugin, kept compact: they count toward the tools/list size. */

export const USER_OUTPUT = {
  type: 'object',
  properties: { id: { type: 'string' }, username: { type: 'string' }, email: { type: 'string' }, is_active: { type: 'boolean' } },
  required: ['id', 'username'],
};

export const GROUP_OUTPUT = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, display_name: { type: 'string' } },
  required: ['id', 'name'],
};
