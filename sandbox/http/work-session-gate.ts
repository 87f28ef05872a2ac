import { LIVE_STATUSES, type WorkSession } from '../world/ext-work-sessions.js';
import type { World } from '../world/world.js';
import { ApiError } from './errors.js';

/**
 * The workspace setting "work session required": when on, command submits, Websh session creation and WebFTP
 * transfers need `work_session` naming a live work session (approved or active, not past `expires_at`, covering the
 * server). When off, `work_session` is recorded but not checked, as before.
 */
export class WorkSessionGate {
  required = false;
  private lookup: (id: string) => WorkSession | undefined = () => undefined;

  /** Called by the work-sessions routes, which own the sessions. */
  useSessions(lookup: (id: string) => WorkSession | undefined): void {
    this.lookup = lookup;
  }

  /** Throws the API's 403 gate error when the setting is on and `workSession` does not name a usable session. */
  check(workSession: string | null | undefined, serverId: string): void {
    if (!this.required) return;
    if (!workSession) throw refusal('work_session_required', 'This workspace requires a work session for this operation.');
    const session = this.lookup(workSession);
    if (session === undefined || !LIVE_STATUSES.includes(session.status)) {
      throw refusal('work_session_not_active', `Work session ${workSession} is ${session?.status ?? 'unknown'}.`);
    }
    if (Date.parse(session.expires_at) <= Date.now()) throw refusal('work_session_expired', `Work session ${workSession} has expired.`);
    if (session.servers.length > 0 && !session.servers.includes(serverId)) {
      throw refusal('work_session_server_not_allowed', `Work session ${workSession} does not cover this server.`);
    }
  }
}

function refusal(code: string, detail: string): ApiError {
  return new ApiError(403, { detail, code });
}

/** One gate per sandbox, found through its world (route modules get the world from their context). */
const gates = new WeakMap<World, WorkSessionGate>();

export function workSessionGate(world: World): WorkSessionGate {
  let gate = gates.get(world);
  if (gate === undefined) {
    gate = new WorkSessionGate();
    gates.set(world, gate);
  }
  return gate;
}
