import {
  inputRequired,
  inputResponse,
  MissingRequiredClientCapabilityError,
  type ElicitRequestFormParams,
  type InputRequiredResult,
} from '@modelcontextprotocol/server';
import { AlpaconMcpError, ErrorCode } from '../errors/index.js';
import type { ToolCall } from '../host/create-server.js';
import type { RegisteredTool } from '../registry/tool-definition.js';
import { redactArguments } from './redact-arguments.js';
import type { SignedCallState } from './signed-call-state.js';

const CONFIRM_KEY = 'confirm';

/**
 * Asks the user before a destructive tool runs; refuses when the client cannot ask.
 * - 2025-era connections: MCP elicitation (a server→client request) while the call waits.
 * - 2026-07-28 requests: a multi round-trip request. The first call answers `input_required` with the question and signed
 *   state bound to this call; the client asks the user and retries with the answer and the state, which must verify.
 * Resolves when confirmed, returns the `input_required` result to send when the user still has to be asked.
 */
export async function confirmDestructive(call: ToolCall, states: SignedCallState): Promise<InputRequiredResult | undefined> {
  const { tool, input, exchange } = call;
  const message = describeCall(tool, input);
  if (!exchange.canElicit) throw exchange.era === 'modern' ? missingElicitation(tool) : cannotAsk(tool, message);
  const question = confirmationRequest(tool, message);
  const binding = { tool: tool.name, args: input, caller: exchange.caller };

  if (exchange.era === 'legacy') {
    let result;
    try {
      result = await exchange.elicit(question);
    } catch (error) {
      if (error instanceof Error && /does not support/.test(error.message)) throw cannotAsk(tool, message);
      throw error;
    }
    return settle(tool, result.action, result.content);
  }
  const state = exchange.requestState;
  if (state === undefined) return inputRequired({ inputRequests: { [CONFIRM_KEY]: inputRequired.elicit(question) }, requestState: states.mint(binding) });
  states.consume(state, binding);
  const answer = inputResponse(exchange.inputResponses, CONFIRM_KEY);
  // Verified state without an answer: the question was not put to the user; ask again with fresh state.
  if (answer.kind !== 'elicit') return inputRequired({ inputRequests: { [CONFIRM_KEY]: inputRequired.elicit(question) }, requestState: states.mint(binding) });
  return settle(tool, answer.action, answer.content);
}

function settle(tool: RegisteredTool, action: string, content: { confirm?: unknown } | undefined): undefined {
  if (action === 'accept' && (content?.confirm === undefined || content.confirm === true)) return undefined;
  throw new AlpaconMcpError(ErrorCode.ConfirmationDeclined, `The user did not confirm ${tool.name}; nothing was done.`, {
    hint: 'Do not retry unless the user asks for it.',
    details: { action },
  });
}

function confirmationRequest(tool: RegisteredTool, message: string): ElicitRequestFormParams {
  return {
    mode: 'form',
    message: `${message}\n\nProceed?`,
    requestedSchema: {
      type: 'object',
      properties: { confirm: { type: 'boolean', title: 'Proceed', description: `Run ${tool.name} as described` } },
      required: ['confirm'],
    },
  };
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

/** 2026-07-28: a request that needs a capability the client did not declare is a protocol error (-32021, HTTP 400). */
function missingElicitation(tool: RegisteredTool): MissingRequiredClientCapabilityError {
  return new MissingRequiredClientCapabilityError(
    { requiredCapabilities: { elicitation: { form: {} } } },
    `${tool.name} needs the user's confirmation (confirmDestructive: true) through form elicitation, which this client did not declare.`,
  );
}

function cannotAsk(tool: RegisteredTool, message: string): AlpaconMcpError {
  return new AlpaconMcpError(ErrorCode.ConfirmationRequired, `${tool.name} needs the user's confirmation, and this client cannot ask for it.`, {
    hint:
      'This server requires confirmation of destructive tools (confirmDestructive: true) through MCP elicitation. Use a client that ' +
      'supports elicitation, or ask the operator to set confirmDestructive: false or exclude the tool.',
    details: { would_do: message },
  });
}
