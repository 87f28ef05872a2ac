import { Prng } from './prng.js';
import { iso, WORLD_EPOCH } from './seed-world.js';
import type { World } from './world.js';

export const ANALYSIS_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
export const RISK_SCORES = ['low', 'medium', 'high', 'critical'] as const;

/**
 * An AI security analysis of a session (`/api/history/session-analyses/`). Only the Python MCP server reads these
 * (tools/audit_tools.py); the field names are the sandbox's reading of its descriptions (summary, risk score, status,
 * risk factors, MITRE ATT&CK mapping, threat indicators, recommended actions), not a documented shape.
 */
export interface SessionAnalysis {
  id: string;
  work_session: string | null;
  server: string;
  user: string;
  status: (typeof ANALYSIS_STATUSES)[number];
  risk_score: (typeof RISK_SCORES)[number] | null;
  summary: string;
  risk_factors: string[];
  mitre_attack: { technique: string; name: string }[];
  threat_indicators: string[];
  recommended_actions: string[];
  added_at: string;
  analyzed_at: string | null;
}

const HOUR = 3_600_000;

/** Three analyses of past Websh sessions: a quiet one, a risky one, and one whose analysis failed. */
export function seedSessionAnalyses(world: World): SessionAnalysis[] {
  const prng = new Prng(world.seed ^ 0x5a5a);
  const servers = world.servers.all();
  const users = world.users.all();
  const at = (hoursAgo: number) => iso(WORLD_EPOCH - hoursAgo * HOUR);
  const base = (server: number, user: number, hoursAgo: number) => ({
    id: prng.uuid(), work_session: null, server: servers[server % servers.length].id, user: users[user % users.length].id,
    added_at: at(hoursAgo), risk_factors: [], mitre_attack: [], threat_indicators: [], recommended_actions: [],
  });
  return [
    { ...base(0, 0, 30), status: 'completed', risk_score: 'low', summary: 'Routine log inspection and a service restart.', analyzed_at: at(29) },
    {
      ...base(1, 1, 12), status: 'completed', risk_score: 'high', summary: 'Credentials read from /etc/shadow, then an outbound transfer.',
      risk_factors: ['sensitive file read', 'outbound data transfer'],
      mitre_attack: [{ technique: 'T1003.008', name: '/etc/passwd and /etc/shadow' }, { technique: 'T1048', name: 'Exfiltration Over Alternative Protocol' }],
      threat_indicators: ['cat /etc/shadow', 'curl -T'], recommended_actions: ['Rotate the affected credentials', 'Review the user\'s other sessions'],
      analyzed_at: at(11),
    },
    { ...base(2, 0, 3), status: 'failed', risk_score: null, summary: '', analyzed_at: null },
  ];
}
