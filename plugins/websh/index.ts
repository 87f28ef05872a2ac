import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { WebshChannelTools } from './channel-tools.js';
import { WebshCommandTools } from './command-tools.js';
import { WEBSH_ARGUMENTS } from './dto.js';
import { WebshService } from './service.js';
import { WebshSessionTools } from './session-tools.js';
import { WebshSettingsInput } from './settings.js';

export default definePlugin({
  name: 'websh',
  description: 'Websh: run shell commands over pooled terminal connections, sessions and channels',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [WebshCommandTools, WebshSessionTools, WebshChannelTools],
  settings: WebshSettingsInput,
  register: (container) => {
    container.registerSingleton(WebshService);
  },
  instructions: 'execute_command / execute_command_batch: run shell commands on a server over a reused Websh connection (fast, no command ACL).',
  sharedArguments: WEBSH_ARGUMENTS,
});
