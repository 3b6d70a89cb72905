import type { ApprovalPolicy } from './approval-policy';

export type ServerState = 'active' | 'expiring_soon' | 'expired' | 'revoked';

/** How agents reach a server: its secret URL, OAuth sign-in as a person, or either. */
export type AccessMode = 'url' | 'sign_in' | 'url_and_sign_in';
/** Whose ClickUp account calls act as: the server's connection, or each signed-in person's own. */
export type ClickUpAccount = 'connection' | 'caller';
/** How tools/list shows the tools: all with their schemas, or tool_search/tool_describe/tool_call only. */
export type CatalogMode = 'full' | 'progressive';

export interface ServerConfig {
  methods: string[];
  tags: string[];
  require_api_token_auth: boolean;
  /** A server pinned to spaces also exposes workspace-level objects (goals); owners and admins set it. */
  allow_workspace_objects: boolean;
  access_mode: AccessMode;
  /** People and teams allowed to sign in besides the server's team, the admins and the owners. */
  sign_in_user_ids: string[];
  sign_in_team_ids: string[];
  clickup_account: ClickUpAccount;
  catalog: CatalogMode;
  /** Which calls wait for a person's approval; absent on servers that never had one (nothing waits). */
  approval?: ApprovalPolicy;
}

/** `GET /api/v1/mcp-servers`: never the token; `url_hint` only shows the URL's shape. */
export interface McpServer {
  id: string;
  name: string;
  connection_id: string;
  team_id: string | null;
  workspace_id: string;
  space_ids: string[];
  config: ServerConfig;
  state: ServerState;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  last_client_name: string | null;
  last_client_ip: string | null;
  url_hint: string | null;
  /** `{PUBLIC_URL}/mcp/servers/{id}` when the server takes sign-in: no secret in it. */
  sign_in_url: string | null;
  /** How the server exceeds its team's current policy; empty when within. */
  policy_violations: PolicyViolation[];
  created_at: string;
  updated_at: string;
}

export interface PolicyViolation {
  field: string;
  message: string;
}

/** The create answer: the only time the secret URL and token are shown (none for a sign-in-only server). */
export interface CreatedMcpServer extends McpServer {
  url: string | null;
  token: string | null;
}

export interface RotatedToken {
  url: string;
  token: string;
}

export interface CreateServerInput {
  connectionId: string;
  name: string;
  workspace_id: string;
  space_ids: string[];
  team_id?: string;
  config: Pick<ServerConfig, 'methods' | 'tags' | 'require_api_token_auth' | 'allow_workspace_objects'> &
    Partial<ServerConfig>;
  expires_at?: string;
}

export interface UpdateServerInput {
  name?: string;
  space_ids?: string[];
  config?: Partial<ServerConfig>;
  expires_at?: string | null;
  team_id?: string | null;
}

export interface ToolSummary {
  name: string;
  title: string;
  method: string;
  tags: string[];
  read_only: boolean;
  destructive: boolean;
  bytes: number;
}

/** `GET /api/v1/tools`: what a config exposes and what its listing costs in an agent's context. */
export interface ToolPreview {
  tools: ToolSummary[];
  /** `bytes`: what the group's selected tools add to a full listing. */
  groups: { tag: string; selected: number; total: number; bytes: number }[];
  catalog_count: number;
  /** What tools/list returns: every selected tool, or on a progressive server its three meta tools. */
  listing_bytes: number;
  /** The full listing of the selected tools, whatever the catalog mode. */
  full_listing_bytes: number;
  /** The cap the whole catalog's listing is kept under. */
  cap_bytes: number;
  approx_tokens: number;
  /** Tools the filters select that a space-pinned server withholds: they reach workspace-level objects (goals). */
  withheld_tools: string[];
}

/** Where a server's tools reach: a space pin withholds workspace-level tools unless they are allowed. */
export interface ToolReach {
  pinned: boolean;
  allowWorkspaceObjects: boolean;
}
