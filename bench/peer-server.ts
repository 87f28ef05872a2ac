/**
 * The peer of issue 18: what a user could write instead of alpacon-mcp — the official SDK's server with one tool that does
 * the same GET with `fetch`, over stdio. Not part of the product. Reads PEER_BASE_URL and PEER_TOKEN (the sandbox's).
 * Run: PEER_BASE_URL=http://127.0.0.1:PORT PEER_TOKEN=... node dist/bench/peer-server.js
 */
import { Server } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

const baseUrl = process.env.PEER_BASE_URL ?? 'http://127.0.0.1:9';
const token = process.env.PEER_TOKEN ?? '';

// The SDK's low-level server, as alpacon-mcp uses it: the stricter peer (McpServer would also load its schema conversion).
const server = new Server({ name: 'peer', version: '0.0.0' }, { capabilities: { tools: {} } });
server.setRequestHandler('tools/list', async () => ({
  tools: [
    {
      name: 'get_server',
      title: 'Get server',
      description: 'Details of one server.',
      inputSchema: { type: 'object', properties: { server_id: { type: 'string' } }, required: ['server_id'] },
    },
  ],
}));
server.setRequestHandler('tools/call', async (request) => {
  const serverId = String(request.params.arguments?.server_id ?? '');
  const response = await fetch(`${baseUrl}/api/servers/servers/${encodeURIComponent(serverId)}/`, {
    headers: { authorization: `token="${token}"`, accept: 'application/json' },
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { content: [{ type: 'text', text: JSON.stringify(body) }], structuredContent: { ok: response.ok, data: body }, isError: !response.ok };
});
await server.connect(new StdioServerTransport());
