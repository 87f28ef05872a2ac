import { Prng } from './prng.js';
import { iso, WORLD_EPOCH } from './seed-world.js';
import type { World } from './world.js';

/** Field sets follow alpacon-cli api/cert/types.go; ids inside (`agent`, `owner`, ...) are expanded by the routes. */
export interface CertAuthority {
  id: string;
  name: string;
  organization: string;
  domain: string;
  root_valid_days: number;
  default_valid_days: number;
  max_valid_days: number;
  agent: string;
  owner: string;
  status: string;
  crt_text: string;
  updated_at: string;
  signed_at: string;
  expires_at: string;
}

/** The Python server's list plus the CLI's `processing` and `issued` (alpacon-cli `cmd/csr/csr_list.go`). */
export type SignRequestStatus = 'requested' | 'processing' | 'signing' | 'signed' | 'issued' | 'failed' | 'canceled' | 'denied';

export interface SignRequest {
  id: string;
  authority: string;
  organization: string;
  common_name: string;
  domain_list: string[];
  ip_list: string[];
  valid_days: number;
  status: SignRequestStatus;
  requested_ip: string;
  requested_by: string;
  crt_text: string;
  /** The PEM CSR once submitted to `submit_url`. */
  csr_text?: string;
  added_at: string;
}

export interface Certificate {
  id: string;
  authority: string;
  csr: string;
  crt_text: string;
  common_name: string;
  serial_number: string;
  valid_days: number;
  is_revoked: boolean;
  revoked_at: string | null;
  signed_at: string;
  expires_at: string;
  signed_by: string;
}

export interface RevokeRequest {
  id: string;
  certificate: string;
  reason: number;
  status: 'requested' | 'revoking' | 'revoked' | 'failed' | 'denied' | 'canceled';
  requested_reason: string;
  requested_by: string;
  approved_by: string | null;
  added_at: string;
  handled_at: string | null;
}

export interface CertSeed {
  authorities: CertAuthority[];
  signRequests: SignRequest[];
  certificates: Certificate[];
  revokeRequests: RevokeRequest[];
}

const DAY = 86_400_000;

/** A fake PEM block: recognisable, never a real certificate. */
export function fakePem(label: string, serial: string): string {
  return `-----BEGIN CERTIFICATE-----\nU0FOREJPWC${Buffer.from(`${label}:${serial}`).toString('base64')}\n-----END CERTIFICATE-----\n`;
}

/** Two CAs, four sign requests (signed, requested, denied, failed), one certificate, a pending and a failed revoke request. */
export function seedCerts(world: World): CertSeed {
  const prng = new Prng(world.seed ^ 0xce47);
  const admin = world.users.all()[0];
  const requester = world.users.all()[1] ?? admin;
  const agent = world.servers.all()[0]?.id ?? '';
  const ca = (name: string, domain: string): CertAuthority => ({
    id: prng.uuid(), name, organization: 'Sandbox Inc.', domain, root_valid_days: 3650, default_valid_days: 90, max_valid_days: 365,
    agent, owner: admin.id, status: 'active', crt_text: fakePem(name, domain),
    updated_at: iso(WORLD_EPOCH - 30 * DAY), signed_at: iso(WORLD_EPOCH - 200 * DAY), expires_at: iso(WORLD_EPOCH + 3450 * DAY),
  });
  const authorities = [ca('internal-ca', 'internal.example'), ca('lab-ca', 'lab.example')];
  const csr = (authority: CertAuthority, host: string, status: SignRequestStatus, ageDays: number): SignRequest => ({
    id: prng.uuid(), authority: authority.id, organization: authority.organization, common_name: `${host}.${authority.domain}`,
    domain_list: [`${host}.${authority.domain}`], ip_list: [], valid_days: 90, status, requested_ip: '10.0.0.5', requested_by: requester.id,
    crt_text: '', added_at: iso(WORLD_EPOCH - ageDays * DAY),
  });
  const signRequests = [csr(authorities[0], 'web', 'signed', 20), csr(authorities[0], 'db', 'requested', 2), csr(authorities[1], 'ci', 'denied', 9)];
  const serial = prng.uuid().replace(/-/g, '').slice(0, 16);
  const signed = signRequests[0];
  signed.crt_text = fakePem(signed.common_name, serial);
  const certificates: Certificate[] = [{
    id: prng.uuid(), authority: signed.authority, csr: signed.id, crt_text: signed.crt_text, common_name: signed.common_name,
    serial_number: serial, valid_days: 90, is_revoked: false, revoked_at: null, signed_at: iso(WORLD_EPOCH - 19 * DAY),
    expires_at: iso(WORLD_EPOCH + 71 * DAY), signed_by: authorities[0].name,
  }];
  const revokeRequests: RevokeRequest[] = [{
    id: prng.uuid(), certificate: certificates[0].id, reason: 4, status: 'requested', requested_reason: 'Superseded by a new key',
    requested_by: requester.id, approved_by: null, added_at: iso(WORLD_EPOCH - DAY), handled_at: null,
  }];
  // Seeded last so the ids above stay as they were: one CSR and one revoke request that failed (for retry).
  signRequests.push(csr(authorities[1], 'build', 'failed', 3));
  revokeRequests.push({
    id: prng.uuid(), certificate: certificates[0].id, reason: 1, status: 'failed', requested_reason: 'CA agent was offline',
    requested_by: admin.id, approved_by: admin.id, added_at: iso(WORLD_EPOCH - 4 * DAY), handled_at: null,
  });
  return { authorities, signRequests, certificates, revokeRequests };
}
