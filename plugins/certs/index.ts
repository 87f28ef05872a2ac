import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { CertManageTools } from './manage.js';
import { CertTools } from './tools.js';

export default definePlugin({
  name: 'certs',
  description: 'Private certificate authorities, sign requests, certificates and revocations',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [CertTools, CertManageTools],
  instructions: 'certs: CA -> sign request (create_sign_request) -> certificate; revoke_certificate files a revoke request (auto-approved for CA owners and admins). CA owners and admins decide requests with approve_/deny_/retry_ tools.',
});
