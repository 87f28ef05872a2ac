import type { Server } from '@modelcontextprotocol/server';
import { AlpaconMcpError, ErrorCode } from '../errors/index.js';
import type { RegisteredTool } from '../registry/tool-definition.js';
import { redactArguments } from './redact-arguments.js';

/** Asks the user through MCP elicitation before a destructive tool runs; refuses when the client cannot ask. */
export async function confirmDestructive(server: Server, tool: RegisteredTool, input: object, signal?: AbortSignal): Promise<void> {
  const message = describeCall(tool, input);
  if (!server.getClientCapabilities()?.elicitation) throw cannotAsk(tool, message);
  let result;
  try {
    result = await server.elicitInput(
      {
        mode: 'form',
        message: `${message}\n\nProceed?`,
        requestedSchema: {
          type: 'object',
          properties: { confirm: { type: 'boolean', title: 'Proceed', description: `Run ${tool.name} as described` } },
          required: ['confirm'],
        },
      },
      { signal },
    );
  } catch (error) {
    if (error instanceof Error && /does not support/.test(error.message)) throw cannotAsk(tool, message);
    throw error;
  }
  const confirmed = result.action === 'accept' && (result.content?.confirm === undefined || result.content.confirm === true);
  if (!confirmed) {
    throw new AlpaconMcpError(ErrorCode.ConfirmationDeclined, `The user did not confirm ${tool.name}; nothing was done.`, {
      hint: 'Do not retry unless the user asks for it.',
      details: { action: result.action },
    });
  }
}

/** "What will happen and where", from the tool and its (redacted) arguments. */
export function describeCall(tool: RegisteredTool, input: object): string {
  const args = redactArguments(input) as Record<string, unknown>;
  const where = [args.workspace && `workspace ${String(args.workspace)}`, args.region && `region ${String(args.region)}`].filter(Boolean).join(', ');
  const details = Object.entries(args)
    .filter(([key, value]) => key !== 'workspace' && key !== 'region' && value !== undefined)
    .map(([key, value]) => `  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [`${tool.title} (${tool.name}) will change things${where ? ` in ${where}` : ''}:`, ...details].join('\n');
}

function cannotAsk(tool: RegisteredTool, message: string): AlpaconMcpError {
  return new AlpaconMcpError(ErrorCode.ConfirmationRequired, `${tool.name} needs the user's confirmation, and this client cannot ask for it.`, {
    hint:
      'This server requires confirmation of destructive tools (confirmDestructive: true) through MCP elicitation. Use a client that ' +
      'supports elicitation, or ask the operator to set confirmDestructive: false or exclude the tool.',
    details: { would_do: message },
  });
}
