/**
 * The cold-start baseline: the smallest useful MCP server with the same SDK — one tool, stdio. Not part of the product.
 * Run: node dist/bench/minimal-server.js
 */
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { McpServer } from '@modelcontextprotocol/server';

const server = new McpServer({ name: 'minimal', version: '0.0.0' });
server.registerTool('ping', { title: 'Ping', description: 'Answers pong.' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
await server.connect(new StdioServerTransport());
