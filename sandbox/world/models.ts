/** In-memory records of the simulated workspace. Serializers turn them into API JSON. */

export interface WorkspaceUser {
  id: string;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  tags: string;
  description: string;
  shell: string;
  uid: number;
  is_active: boolean;
  is_staff: boolean;
  is_superuser: boolean;
  is_ldap_user: boolean;
  date_joined: string;
}

export interface Group {
  id: string;
  name: string;
  display_name: string;
  description: string;
  tags: string;
  gid: number;
  is_ldap_group: boolean;
  servers: string[];
  added_at: string;
  updated_at: string;
}

export interface Membership {
  id: string;
  group: string;
  user: string;
  role: string;
}

export interface ServerRecord {
  id: string;
  name: string;
  remote_ip: string;
  is_connected: boolean;
  commissioned: boolean;
  starred: boolean;
  cpu_physical_cores: number;
  cpu_logical_cores: number;
  cpu_type: string;
  physical_memory: number;
  os_name: string;
  os_version: string;
  os_platform: string;
  load: number;
  boot_time: string;
  added_at: string;
  owner: string;
  groups: string[];
  /** Active user work (Websh sessions etc.): disruptive actions get 409 `server_busy_with_user_work`. */
  busyWithUserWork: boolean;
  /** Per-server seed for metrics and system info. */
  seed: number;
  delay: number;
}

export interface Note {
  id: string;
  server: string;
  author: string;
  content: string;
  private: boolean;
  pinned: boolean;
  added_at: string;
}

export interface EventRecord {
  id: string;
  server: string;
  reporter: string;
  record: string;
  description: string;
  added_at: string;
}

/** An allow-list ACL; an undefined list means "not restricted". Patterns use `*` as a wildcard. */
export interface TokenAcl {
  commands?: string[];
  servers?: string[];
  paths?: string[];
}

export interface ApiToken {
  id: string;
  name: string;
  key: string;
  user: string;
  enabled: boolean;
  scopes: string[];
  expires_at: string | null;
  updated_at: string;
  acl: TokenAcl;
  /** `api` (created in the token UI/API; what token.json holds) or `login` (issued by a browser login). Default `api`. */
  source?: 'api' | 'login';
}

export interface AlertRule {
  id: string;
  name: string;
  metric_type: string;
  condition: string;
  threshold: number;
  enabled: boolean;
  servers: string[];
  notification_channels: string[];
  description: string;
  added_at: string;
  updated_at: string;
}
