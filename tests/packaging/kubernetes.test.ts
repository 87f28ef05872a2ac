import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { HTTP_DEFAULTS } from '../../core/transports/http/options.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { imageCommand } from '../helpers/dockerfile.js';
import { fetchWithHost } from '../helpers/host-fetch.js';
import { connectHttpClient } from '../helpers/http-client.js';
import { startServeProcess } from '../helpers/serve-process.js';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';
import { tempProject } from '../helpers/temp-project.js';

interface Probe { httpGet: { path: string; port: string | number; httpHeaders?: { name: string; value: string }[] } }
interface Container {
  image: string;
  args: string[];
  env: { name: string; value?: string; valueFrom?: unknown }[];
  ports: { name: string; containerPort: number }[];
  livenessProbe: Probe;
  readinessProbe: Probe;
  volumeMounts: { name: string; mountPath: string }[];
}
interface Manifest { kind: string; metadata: { name: string; labels?: Record<string, string> }; spec: Record<string, unknown>; data?: Record<string, string> }

const docs = parseAllDocuments(readFileSync(path.join(PROJECT_ROOT, 'deploy', 'kubernetes', 'alpacon-mcp.yaml'), 'utf8'));
const manifests = docs.map((d) => d.toJS() as Manifest);
const byKind = (kind: string) => manifests.find((m) => m.kind === kind)!;
const deployment = byKind('Deployment');
const podSpec = (deployment.spec.template as { spec: { containers: Container[]; volumes: { name: string; secret?: { secretName: string }; configMap?: { name: string } }[] } }).spec;
const container = podSpec.containers[0];
const envValue = (name: string) => container.env.find((e) => e.name === name)?.value;

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('parse, and hold a Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget for the same pods', () => {
    expect(docs.flatMap((d) => d.errors)).toEqual([]);
    expect(manifests.map((m) => m.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service']);
    const podLabels = (deployment.spec.template as { metadata: { labels: Record<string, string> } }).metadata.labels;
    expect(podLabels).toMatchObject((deployment.spec.selector as { matchLabels: Record<string, string> }).matchLabels);
    expect(podLabels).toMatchObject(byKind('Service').spec.selector as Record<string, string>);
    expect(podLabels).toMatchObject((byKind('PodDisruptionBudget').spec.selector as { matchLabels: Record<string, string> }).matchLabels);
    expect(byKind('HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    const minAvailable = byKind('PodDisruptionBudget').spec.minAvailable as number;
    expect(minAvailable).toBeLessThan(byKind('HorizontalPodAutoscaler').spec.minReplicas as number);
  });

  it('run the image command stateless, on the port the server uses, probing the paths it answers', () => {
    const { cmd } = imageCommand();
    expect(container.args.slice(0, cmd.length)).toEqual(cmd);
    expect(container.args).toContain('--stateless');
    expect(container.ports).toEqual([{ name: 'http', containerPort: HTTP_DEFAULTS.port }]);
    expect(envValue('ALPACON_MCP_PORT')).toBe(String(HTTP_DEFAULTS.port));
    expect(container.livenessProbe.httpGet).toMatchObject({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 'http' });
    const service = byKind('Service').spec.ports as { port: number; targetPort: string }[];
    expect(service).toEqual([{ name: 'http', port: HTTP_DEFAULTS.port, targetPort: 'http' }]);
  });

  it('take tokens only from a Secret mounted as files', () => {
    const tokenFile = envValue('ALPACON_MCP_TOKEN_FILE')!;
    const serverTokenFile = envValue('ALPACON_MCP_SERVER_TOKEN_FILE')!;
    const secretVolume = podSpec.volumes.find((v) => v.secret)!;
    const mount = container.volumeMounts.find((m) => m.name === secretVolume.name)!;
    expect(path.posix.dirname(tokenFile)).toBe(mount.mountPath);
    expect(path.posix.dirname(serverTokenFile)).toBe(mount.mountPath);
    expect(container.env.map((e) => e.name)).not.toContain('ALPACON_MCP_TOKEN');
    expect(container.env.map((e) => e.name)).not.toContain('ALPACON_MCP_SERVER_TOKEN');
    expect(container.env.filter((e) => /_TOKEN$/.test(e.name))).toEqual([]);
  });

  describe('the Deployment container as a process', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ workspace: 'k8s', token: 'k8s-test-workspace-token' });
    });
    afterAll(async () => sandbox.stop());

    it('answers both probes with their Host header, and MCP through the Service name with the mounted tokens', async () => {
      // The pod's files, rebased into a temporary root: ConfigMap data and Secret keys.
      const root = await tempProject({});
      const rebase = (file: string) => path.join(root, file);
      const configMap = byKind('ConfigMap');
      const configMount = container.volumeMounts.find((m) => m.name === podSpec.volumes.find((v) => v.configMap)!.name)!;
      await mkdir(rebase(configMount.mountPath), { recursive: true });
      for (const [key, value] of Object.entries(configMap.data ?? {})) await writeFile(path.join(rebase(configMount.mountPath), key), value);
      const tokenFile = rebase(envValue('ALPACON_MCP_TOKEN_FILE')!);
      const serverTokenFile = rebase(envValue('ALPACON_MCP_SERVER_TOKEN_FILE')!);
      await mkdir(path.dirname(tokenFile), { recursive: true });
      await writeFile(tokenFile, JSON.stringify({ ap1: { k8s: sandbox.token } }), { mode: 0o600 });
      await writeFile(serverTokenFile, 'k8s-test-server-token\n', { mode: 0o600 });

      const args = container.args.map((arg) => (arg.startsWith('/') ? rebase(arg) : arg));
      const served = startServeProcess(args, {
        ALPACON_MCP_HOST: '127.0.0.1',
        ALPACON_MCP_PORT: '0',
        ALPACON_MCP_TOKEN_FILE: tokenFile,
        ALPACON_MCP_SERVER_TOKEN_FILE: serverTokenFile,
        ALPACON_MCP_BASE_URL: sandbox.url,
      }, root);
      try {
        const url = new URL(await served.url);
        for (const probe of [container.livenessProbe, container.readinessProbe]) {
          const host = probe.httpGet.httpHeaders?.find((h) => h.name.toLowerCase() === 'host')?.value ?? url.host;
          const answer = await fetchWithHost(host)(`${url.origin}${probe.httpGet.path}`);
          expect(answer.status).toBe(200);
        }
        // Without the probe's Host header the kubelet's default (the pod address) would be refused.
        expect((await fetchWithHost('10.1.2.3:8237')(`${url.origin}/healthz`)).status).toBe(403);

        const serviceHost = `${byKind('Service').metadata.name}:${HTTP_DEFAULTS.port}`;
        const client = await connectHttpClient(url.href, { headers: { Authorization: 'Bearer k8s-test-server-token' }, fetch: fetchWithHost(serviceHost) });
        const result = await client.call('list_servers', { workspace: 'k8s' });
        expect(result.ok).toBe(true);
        await client.close();
      } finally {
        served.child.kill('SIGTERM');
        await served.exit;
      }
      expect(served.stderr()).not.toContain(sandbox.token);
    });
  });
});
