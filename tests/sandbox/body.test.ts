import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { Sandbox } from '../../sandbox/index.js';
import { list, obj, withSandbox, type TestClient } from './helpers.js';

// The sandbox reads a request body only when the request has one (Content-Length or Transfer-Encoding); these show that
// every way of sending one still arrives whole, and that a GET without one is answered.
// Sources of the answers: a command submit is answered with an array (alpacon-cli api/event/event.go unmarshals
// []CommandResponse and takes [0]); the 2024 server sets no DEFAULT_PARSER_CLASSES (alpacon-server alpacon/settings.py
// REST_FRAMEWORK), so DRF's defaults refuse text/plain with 415 and malformed JSON with 400 ("JSON parse error").
let sandbox: Sandbox;
let client: TestClient;
beforeAll(async () => {
  ({ sandbox, client } = await withSandbox({ commandStepMs: 5 }));
});
afterAll(async () => sandbox.stop());

/** POST with the body sent in pieces under Transfer-Encoding: chunked (no Content-Length). */
function postChunked(path: string, pieces: string[]): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { authorization: `token="${sandbox.token}"`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    request.on('error', reject);
    for (const piece of pieces) request.write(piece);
    request.end();
  });
}

describe('sandbox request bodies', () => {
  it('answers a GET that has no body', async () => {
    const response = await client.get('/api/servers/servers/');
    expect(response.status).toBe(200);
    expect(sandbox.requests.all().at(-1)?.body).toBeUndefined();
  });

  it('reads a body sent with Content-Length', async () => {
    const server = String(list(obj((await client.get('/api/servers/servers/')).body).results)[0].id);
    const response = await client.post('/api/events/commands/', { server, shell: 'system', line: 'echo length' });
    expect(response.status).toBe(201);
    expect(list(response.body)[0]).toMatchObject({ line: 'echo length' });
  });

  it('reads a body sent in chunks without Content-Length, and logs it', async () => {
    const server = String(list(obj((await client.get('/api/servers/servers/')).body).results)[0].id);
    const text = JSON.stringify({ server, shell: 'system', line: 'echo chunked' });
    const response = await postChunked('/api/events/commands/', [text.slice(0, 10), text.slice(10)]);
    expect(response.status).toBe(201);
    expect(list(response.body)[0]).toMatchObject({ line: 'echo chunked' });
    expect(sandbox.requests.filter({ method: 'POST' }).at(-1)?.body).toEqual({ server, shell: 'system', line: 'echo chunked' });
  });

  it('still refuses a body that is not JSON (415) or is malformed JSON (400)', async () => {
    expect((await client.request('POST', '/api/events/commands/', 'line=x', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await client.request('POST', '/api/events/commands/', '{"line": ', { 'Content-Type': 'application/json' })).status).toBe(400);
  });
});
