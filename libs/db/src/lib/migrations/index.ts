import { InitialSchema1795239185451 } from './1795239185451-initial-schema';
import { ServerCacheInvalidation1795239961417 } from './1795239961417-server-cache-invalidation';
import { AuditChains1795240571906 } from './1795240571906-audit-chains';
import { ClickUpRateBudgets1795242020105 } from './1795242020105-clickup-rate-budgets';
import { AuditActionIndex1795245213379 } from './1795245213379-audit-action-index';
import { ClickUpRateBudgetOpenedAt1795246245174 } from './1795246245174-clickup-rate-budget-opened-at';
import { TeamPolicies1796412368866 } from './1796412368866-team-policies';
import { ServerChangeXid1796412501250 } from './1796412501250-server-change-xid';
import { IdentityLifecycle1796412372969 } from './1796412372969-identity-lifecycle';
import { SecurityEvents1796412405268 } from './1796412405268-security-events';
import { AuditTraceId1796425925189 } from './1796425925189-audit-trace-id';
import { AuditPerson1796440000000 } from './1796440000000-audit-person';
import { SsoSignIn1796443210000 } from './1796443210000-sso-sign-in';
import { ClickUpLinkedAccounts1796450000000 } from './1796450000000-clickup-linked-accounts';
import { OAuthAuthorizationServer1796460000000 } from './1796460000000-oauth-authorization-server';
import { Approvals1796470000000 } from './1796470000000-approvals';
import { Pauses1796471000000 } from './1796471000000-pauses';
import { ApprovalWebhooks1796472000000 } from './1796472000000-approval-webhooks';
import { AuditCheckpoints1796480000000 } from './1796480000000-audit-checkpoints';
import { AuditSinks1796481000000 } from './1796481000000-audit-sinks';
import { CallsInFlight1796482000000 } from './1796482000000-calls-in-flight';

/** In order. New migrations come from `npm run migration:generate -- <Name>` and are appended here. */
export const MIGRATIONS = [
  InitialSchema1795239185451,
  ServerCacheInvalidation1795239961417,
  AuditChains1795240571906,
  ClickUpRateBudgets1795242020105,
  AuditActionIndex1795245213379,
  ClickUpRateBudgetOpenedAt1795246245174,
  TeamPolicies1796412368866,
  IdentityLifecycle1796412372969,
  SecurityEvents1796412405268,
  ServerChangeXid1796412501250,
  AuditTraceId1796425925189,
  AuditPerson1796440000000,
  SsoSignIn1796443210000,
  ClickUpLinkedAccounts1796450000000,
  OAuthAuthorizationServer1796460000000,
  Approvals1796470000000,
  Pauses1796471000000,
  ApprovalWebhooks1796472000000,
  AuditCheckpoints1796480000000,
  AuditSinks1796481000000,
  CallsInFlight1796482000000,
];
