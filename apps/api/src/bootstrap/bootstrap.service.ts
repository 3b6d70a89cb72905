import { Injectable } from '@nestjs/common';
import { BootstrapConfig } from '@gw/config';
import { ApiTokenEntity, OrganizationEntity, UserEntity } from '@gw/db';
import { generatePassword, hashPassword, sha256Hex } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConnectionsService } from '../connections/connections.service';

const BOOTSTRAP_LOCK_KEY = 740_163_222;

export const SANDBOX_CONNECTION_NAME = 'Sandbox workspace';

export interface BootstrapResult {
  created: boolean;
  organizationId: string;
  ownerId: string;
  ownerEmail: string;
  /** Only when the password was generated: shown once on the console, never stored in clear or logged. */
  generatedPassword?: string;
  apiTokenRegistered: boolean;
}

/** First start: one organization, its owner, and the provisioning API token if configured. Idempotent. */
@Injectable()
export class BootstrapService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: BootstrapConfig,
    private readonly connections: ConnectionsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * With `SANDBOX_CONNECTION_TOKEN` (set by `npm start`), the sandbox is a ready connection named
   * `Sandbox workspace`, so a first-time user can create an MCP URL straight away. Returns its id.
   */
  async ensureSandboxConnection(result: BootstrapResult): Promise<string | null> {
    const token = this.config.sandboxConnectionToken;
    if (!token) return null;
    const [existing] = (await this.dataSource.query(
      'SELECT id FROM clickup_connections WHERE organization_id = $1 AND name = $2 AND deleted_at IS NULL LIMIT 1',
      [result.organizationId, SANDBOX_CONNECTION_NAME],
    )) as { id: string }[];
    if (existing) return existing.id;
    const connection = await this.connections.add(
      { organizationId: result.organizationId, userId: result.ownerId || null },
      { name: SANDBOX_CONNECTION_NAME, type: 'personal_token', token },
    );
    await this.audit.record({
      organizationId: result.organizationId,
      actor: 'system:bootstrap',
      action: 'connections.create',
      arguments: { name: SANDBOX_CONNECTION_NAME, type: 'personal_token', connection_id: connection.id },
      outcome: 'ok',
    });
    return connection.id;
  }

  async ensureOwner(): Promise<BootstrapResult> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
      const existing = await tx
        .getRepository(OrganizationEntity)
        .find({ order: { createdAt: 'ASC' }, take: 1 });
      if (existing.length > 0) {
        const owner = await tx.getRepository(UserEntity).findOne({
          where: { organizationId: existing[0].id, role: 'owner' },
          order: { createdAt: 'ASC' },
        });
        return {
          created: false,
          organizationId: existing[0].id,
          ownerId: owner?.id ?? '',
          ownerEmail: owner?.email ?? '',
          apiTokenRegistered: false,
        };
      }
      const organization = await tx.getRepository(OrganizationEntity).save({
        id: randomUUID(),
        name: this.config.organizationName,
        auditRetentionDays: 365,
      });
      const generatedPassword = this.config.adminPassword ? undefined : generatePassword();
      const email = this.config.adminEmail.toLowerCase();
      const owner = await tx.getRepository(UserEntity).save({
        id: randomUUID(),
        organizationId: organization.id,
        email,
        name: 'Owner',
        role: 'owner',
        passwordHash: await hashPassword(this.config.adminPassword ?? (generatedPassword as string)),
        disabledAt: null,
      });
      if (this.config.adminApiToken) {
        await tx.getRepository(ApiTokenEntity).insert({
          id: randomUUID(),
          organizationId: organization.id,
          createdByUserId: owner.id,
          name: 'ADMIN_API_TOKEN',
          role: 'owner',
          tokenHash: sha256Hex(this.config.adminApiToken),
          tokenPrefix: this.config.adminApiToken.slice(0, 6),
        });
      }
      return {
        created: true,
        organizationId: organization.id,
        ownerId: owner.id,
        ownerEmail: email,
        generatedPassword,
        apiTokenRegistered: Boolean(this.config.adminApiToken),
      };
    });
  }
}
