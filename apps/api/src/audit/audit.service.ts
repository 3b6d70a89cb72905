import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditRecord } from '@gw/audit-chain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditWriter } from './audit-writer';
import { redactArguments, storableText } from './redaction';

export interface AuditEventInput {
  /** Omitted for requests that cannot be tied to an organization (an unknown MCP token): the first organization. */
  organizationId?: string;
  serverId?: string | null;
  teamId?: string | null;
  actor: string;
  action: string;
  tool?: string | null;
  arguments?: unknown;
  outcome: AuditRecord['outcome'];
  issueCodes?: string[];
  upstreamStatus?: number | null;
  durationMs?: number | null;
  jobId?: string | null;
  requestId?: string | null;
  /** The W3C trace id of the request, when its client sent a trace context. */
  traceId?: string | null;
  clientName?: string | null;
  clientVersion?: string | null;
  sessionId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** Every agent and admin action goes through `record`, which resolves once the row is committed. */
@Injectable()
export class AuditService {
  private defaultOrganization?: Promise<string>;

  constructor(
    private readonly writer: AuditWriter,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async record(input: AuditEventInput): Promise<AuditRecord> {
    const organizationId = input.organizationId ?? (await this.firstOrganization());
    return this.writer.append({
      id: randomUUID(),
      at: new Date().toISOString(),
      organization_id: organizationId,
      server_id: input.serverId ?? null,
      team_id: input.teamId ?? null,
      actor: clip(input.actor, 200),
      client_name: clip(input.clientName, 200),
      client_version: clip(input.clientVersion, 100),
      session_id: clip(input.sessionId, 200),
      ip: clip(input.ip, 100),
      user_agent: clip(input.userAgent, 500),
      action: clip(input.action, 200),
      tool: clip(input.tool, 200),
      arguments: input.arguments === undefined ? null : redactArguments(input.arguments),
      outcome: input.outcome,
      issue_codes: input.issueCodes ?? [],
      upstream_status: input.upstreamStatus ?? null,
      duration_ms:
        input.durationMs === undefined || input.durationMs === null ? null : Math.round(input.durationMs),
      job_id: clip(input.jobId, 200),
      request_id: clip(input.requestId, 200),
      trace_id: input.traceId ?? null,
    });
  }

  private firstOrganization(): Promise<string> {
    this.defaultOrganization ??= this.dataSource
      .query('SELECT id FROM organizations ORDER BY created_at ASC LIMIT 1')
      .then((rows: { id: string }[]) => {
        if (!rows[0]) throw new Error('no organization exists yet');
        return rows[0].id;
      });
    return this.defaultOrganization;
  }
}

/** Caller-supplied text (client names, user agents): bounded, and storable exactly as hashed. */
function clip(value: string, max: number): string;
function clip(value: string | null | undefined, max: number): string | null;
function clip(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  return storableText(value.length > max ? value.slice(0, max) : value);
}
