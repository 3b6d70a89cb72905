import { ApiHeartbeatEntity } from './api-heartbeat.entity';
import { CallInFlightEntity } from './call-in-flight.entity';
import { ApiTokenEntity } from './api-token.entity';
import { ApprovalEntity } from './approval.entity';
import { ApprovalWebhookEntity } from './approval-webhook.entity';
import { AuditChainEntity } from './audit-chain.entity';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { AuditEventEntity } from './audit-event.entity';
import { AuditSinkEntity } from './audit-sink.entity';
import { ClickUpConnectionEntity } from './clickup-connection.entity';
import { ClickUpLinkedAccountEntity } from './clickup-linked-account.entity';
import { ClickUpRateBudgetEntity } from './clickup-rate-budget.entity';
import { ConnectionTeamGrantEntity } from './connection-team-grant.entity';
import { McpServerEntity } from './mcp-server.entity';
import { MembershipEntity } from './membership.entity';
import { OAuthProviderKeyEntity } from './oauth-provider-key.entity';
import { OAuthRecordEntity } from './oauth-record.entity';
import { OAuthStateUseEntity } from './oauth-state-use.entity';
import { OrganizationEntity } from './organization.entity';
import { PasswordResetEntity } from './password-reset.entity';
import { PauseEntity } from './pause.entity';
import { SecurityEventEntity } from './security-event.entity';
import { SessionEntity } from './session.entity';
import { SsoIdentityEntity } from './sso-identity.entity';
import { SsoSettingsEntity } from './sso-settings.entity';
import { SsoSpentStateEntity } from './sso-spent-state.entity';
import { TeamEntity } from './team.entity';
import { TeamPolicyEntity } from './team-policy.entity';
import { UserEntity } from './user.entity';

export * from './api-token.entity';
export * from './approval.entity';
export * from './approval-webhook.entity';
export * from './audit-chain.entity';
export * from './audit-checkpoint.entity';
export * from './audit-event.entity';
export * from './audit-sink.entity';
export * from './clickup-connection.entity';
export * from './clickup-linked-account.entity';
export * from './clickup-rate-budget.entity';
export * from './connection-team-grant.entity';
export * from './mcp-server.entity';
export * from './membership.entity';
export * from './oauth-provider-key.entity';
export * from './oauth-record.entity';
export * from './oauth-state-use.entity';
export * from './organization.entity';
export * from './password-reset.entity';
export * from './pause.entity';
export * from './security-event.entity';
export * from './session.entity';
export * from './sso-identity.entity';
export * from './sso-settings.entity';
export * from './sso-spent-state.entity';
export * from './team.entity';
export * from './team-policy.entity';
export * from './api-heartbeat.entity';
export * from './call-in-flight.entity';
export * from './user.entity';

export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  TeamEntity,
  MembershipEntity,
  SessionEntity,
  ApiTokenEntity,
  ClickUpConnectionEntity,
  McpServerEntity,
  AuditEventEntity,
  AuditChainEntity,
  ClickUpRateBudgetEntity,
  TeamPolicyEntity,
  ConnectionTeamGrantEntity,
  PasswordResetEntity,
  SecurityEventEntity,
  OAuthRecordEntity,
  OAuthProviderKeyEntity,
  ClickUpLinkedAccountEntity,
  OAuthStateUseEntity,
  SsoSettingsEntity,
  SsoIdentityEntity,
  SsoSpentStateEntity,
  ApprovalEntity,
  PauseEntity,
  ApprovalWebhookEntity,
  AuditCheckpointEntity,
  AuditSinkEntity,
  ApiHeartbeatEntity,
  CallInFlightEntity,
];
