import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { Server } from '@modelcontextprotocol/server';
import { isAlpaconMcpError } from '../errors/index.js';
import type { CallClient } from '../http/call-client.js';
import type { Logger } from '../logger.js';
import type { ContextRegistry } from '../registry/context-registry.js';
import { redactSecrets } from '../security/secrets.js';

/** resources/* and prompts/* over the context registry. Failures are protocol errors carrying the stable code. */
export function registerContextHandlers(
  server: Server,
  registry: ContextRegistry,
  log: Logger,
  owner: string,
  alpaconFor: (params: Record<string, string>, signal: AbortSignal) => CallClient,
): void {
  if (registry.listResources().length > 0) {
    server.setRequestHandler('resources/list', async () => ({ resources: [] }));
    server.setRequestHandler('resources/templates/list', async () => ({
      resourceTemplates: registry.listResources().map((r) => ({
        uriTemplate: r.uriTemplate,
        name: r.name,
        title: r.title,
        description: r.description,
        mimeType: r.mimeType ?? 'application/json',
      })),
    }));
    server.setRequestHandler('resources/read', async (request, ctx) => {
      const { uri } = request.params;
      const found = registry.findResource(uri);
      if (!found) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `No resource matches ${uri}.`, { code: 'not_found', uri });
      try {
        const data = await found.resource.read(found.params, { signal: ctx.mcpReq.signal, tool: found.resource.name, owner, alpacon: alpaconFor(found.params, ctx.mcpReq.signal), log, progress: async () => undefined });
        const text = redactSecrets(typeof data === 'string' ? data : JSON.stringify(data, null, 2));
        return { contents: [{ uri, mimeType: found.resource.mimeType ?? 'application/json', text }] };
      } catch (error) {
        throw toProtocolError(error, log);
      }
    });
  }
  if (registry.listPrompts().length > 0) {
    server.setRequestHandler('prompts/list', async () => ({
      prompts: registry.listPrompts().map((p) => ({ name: p.name, title: p.title, description: p.description, arguments: p.arguments })),
    }));
    server.setRequestHandler('prompts/get', async (request) => {
      const prompt = registry.listPrompts().find((p) => p.name === request.params.name);
      if (!prompt) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown prompt "${request.params.name}".`, { code: 'not_found' });
      let text: string;
      try {
        text = await prompt.render(request.params.arguments ?? {});
      } catch (error) {
        throw toProtocolError(error, log);
      }
      return { description: prompt.description, messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
    });
  }
}

function toProtocolError(error: unknown, log: Logger): ProtocolError {
  if (isAlpaconMcpError(error)) {
    return new ProtocolError(ProtocolErrorCode.InternalError, redactSecrets(`${error.message}${error.hint ? ` ${error.hint}` : ''}`), { code: error.code });
  }
  log.error('resource read failed', { error: error instanceof Error ? error.message : String(error) });
  return new ProtocolError(ProtocolErrorCode.InternalError, 'Internal error in alpacon-mcp; details were logged on stderr.', { code: 'internal_error' });
}
