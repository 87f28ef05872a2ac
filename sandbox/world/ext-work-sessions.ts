/** A work session (`/api/work-sessions/sessions/`), fields as in alpacon-cli api/worksession/types.go. */
export interface WorkSession {
  id: string;
  title: string;
  description: string;
  status: WorkSessionStatus;
  requester_type: 'user' | 'agent';
  scopes: string[];
  servers: string[];
  created_by: string;
  assigned_user: string;
  approval_request_id: string;
  starts_at: string | null;
  expires_at: string;
  started_at: string | null;
  completed_at: string | null;
  added_at: string;
  updated_at: string;
}

export type WorkSessionStatus = 'pending' | 'approved' | 'active' | 'completed' | 'rejected' | 'cancelled' | 'expired' | 'revoked';

/** alpacon-cli `cmd/worksession/worksession_create.go` validScopePresets. */
export const WORK_SESSION_SCOPES = ['command', 'editor', 'sudo', 'tunnel', 'webftp', 'websh'];

/** States in which a session may still be used, extended or completed. */
export const LIVE_STATUSES: readonly WorkSessionStatus[] = ['approved', 'active'];
