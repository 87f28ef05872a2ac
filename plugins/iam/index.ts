import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { IamGroupTools } from './groups.js';
import { IamUserTools } from './users.js';

export default definePlugin({
  name: 'iam',
  description: 'Workspace users and groups (identity and access)',
  host: `^${CORE_VERSION}`,
  tools: [IamUserTools, IamGroupTools],
  instructions: 'iam: workspace users (list/get/create/update/delete) and groups (list/create); user_id from list_iam_users.',
});
