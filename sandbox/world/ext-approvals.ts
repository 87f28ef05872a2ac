import { Prng } from './prng.js';
import { iso, WORLD_EPOCH } from './seed-world.js';
import type { World } from './world.js';

/** An approval request (`/api/approvals/approvals/`), fields as in alpacon-cli api/approval/types.go. */
export interface ApprovalRequest {
  id: string;
  request_type: string;
  request_data: string;
  description: string;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired';
  requested_by: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  added_at: string;
}

/** A sudo policy (`/api/approvals/sudo-policies/`); fields from the Python MCP server's create call, the response shape is unverified. */
export interface SudoPolicy {
  id: string;
  name: string;
  commands: string[];
  users: string[];
  groups: string[];
  servers: string[];
  run_as: string;
  no_password: boolean;
  description: string;
  added_at: string;
  updated_at: string;
}

export function seedApprovalRequests(world: World): ApprovalRequest[] {
  const prng = new Prng(world.seed ^ 0xa9b0);
  const users = world.users.all();
  const server = world.servers.all()[0]?.name ?? 'server';
  const specs = [
    { request_type: 'work_session', request_data: `command on ${server}`, description: 'Restart nginx to clear 502s', status: 'pending' },
    { request_type: 'sudo', request_data: 'systemctl restart nginx', description: 'Sudo for the nginx restart', status: 'approved' },
    { request_type: 'command', request_data: 'reboot', description: 'Kernel update needs a reboot', status: 'rejected' },
  ] as const;
  return specs.map((spec, i) => ({
    id: prng.uuid(), ...spec, requested_by: users[1 + (i % 2)]?.id ?? users[0].id,
    reviewed_by: spec.status === 'pending' ? null : users[0].id,
    reviewed_at: spec.status === 'pending' ? null : iso(WORLD_EPOCH - i * 3_600_000),
    added_at: iso(WORLD_EPOCH - (i + 1) * 7_200_000),
  }));
}
