import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { IamApplicationTools } from './tools.js';

export default definePlugin({
  name: 'iam-apps',
  description: 'IAM applications: machine service accounts (CI/CD, monitoring, automation, integrations) and their system users',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [IamApplicationTools],
  instructions: 'iam-apps: service accounts (list_iam_applications, app_id); bind OS accounts to them with assign_application_system_users (ids from list_system_users).',
});
