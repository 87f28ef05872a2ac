import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { IamGroupTools } from './groups.js';
import { IamMembershipTools } from './memberships.js';
import { IamUserTools } from './users.js';

export default definePlugin({
  name: 'iam',
  description: 'Workspace users, groups and memberships (identity and access)',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [IamUserTools, IamGroupTools, IamMembershipTools],
  instructions: 'workspace users (list_iam_users), groups (list_iam_groups) and memberships, not the Linux users of a server.',
});
