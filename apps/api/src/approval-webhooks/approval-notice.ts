/** A new approval request as the approvers' team webhook announces it. */
export interface ApprovalNotice {
  organization_id: string;
  /** The team whose webhook is told: the server's team. Null for a server without a team (no webhook then). */
  team_id: string | null;
  approval_id: string;
  server: { id: string; name: string };
  tool: string;
  /** The preview's one line: what the call would do. */
  summary: string;
  /** Who asked: the signed-in person's email, or the server's secret URL. */
  requested_by: string;
  /** The console's page to approve or reject it. */
  approval_url: string;
  expires_at: string;
}
