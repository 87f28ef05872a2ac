import { CORE_VERSION, definePlugin } from '../../core/index.js';
import { CommandTools } from './tools.js';

export default definePlugin({
  name: 'command',
  description: 'Shell commands on servers through Alpacon\'s command API',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [CommandTools],
  instructions:
    'execute_command_sync runs a command and waits for exit code and output; execute_command_multi_server fans out to many servers; ' +
    'execute_command_with_acl submits without waiting; get_command_result / list_commands read results. Pass secrets in env, never in the command line.',
});
