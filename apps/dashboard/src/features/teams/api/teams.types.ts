import type { Role } from '@/features/auth/api/auth.types';
import type { ApprovalPolicy } from '@/features/mcp-servers/api/approval-policy';

export interface Team {
  id: string;
  name: string;
  member_count: number;
  created_at: string;
}

export interface TeamMember {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface TeamDetail extends Team {
  members: TeamMember[];
}

/** `GET /api/v1/teams/{id}/policy`: what the team's members may build. Empty lists mean no limit on that axis. */
export interface TeamPolicy {
  team_id: string;
  /** No admin set one: members build read-only servers on the connections granted to the team. */
  is_default: boolean;
  connection_ids: string[];
  workspace_ids: string[];
  tags: string[];
  methods: string[];
  require_space_pinning: boolean;
  require_api_token_auth: boolean;
  max_expiry_days: number | null;
  /** The approval policy a new server of the team gets when its creator names none; null: none. */
  approval?: ApprovalPolicy | null;
  granted_connection_ids: string[];
  usable_connection_ids: string[];
  updated_at: string | null;
}

export type TeamPolicyInput = Pick<
  TeamPolicy,
  | 'connection_ids'
  | 'workspace_ids'
  | 'tags'
  | 'methods'
  | 'require_space_pinning'
  | 'require_api_token_auth'
  | 'max_expiry_days'
  | 'approval'
>;
