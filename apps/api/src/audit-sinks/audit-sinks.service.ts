import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditSinkConfig } from '@gw/config';
import {
  AuditSinkEntity,
  auditSinkLagSeconds,
  loadAuditSinkStatuses,
  type AuditSinkKind,
  type AuditSinkStatus,
} from '@gw/db';
import { auditSinkSecretAad, generateWebhookSecret, SecretBox, WEBHOOK_SECRET_PREFIX } from '@gw/security';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { isUniqueViolation } from '../common/database/unique-violation';
import { parseSinkHeaders, parseSinkSettings } from './audit-sink-settings.policy';
import type { AuditSinkDto, SavedAuditSinkDto, SinkState } from './dto/audit-sink.dto';
import type { CreateAuditSinkDto } from './dto/create-audit-sink.dto';
import type { UpdateAuditSinkDto } from './dto/update-audit-sink.dto';

const NO_SINK = 'No such audit sink';
const NAME_TAKEN = 'An audit sink of this organization already has that name';

/**
 * The organization's audit sinks as owners and admins manage them. The worker delivers; this service only writes
 * what to deliver where, and reads the state the worker keeps. A webhook's signing secret leaves the gateway once.
 */
@Injectable()
export class AuditSinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly config: AuditSinkConfig,
  ) {}

  async list(principal: Principal): Promise<AuditSinkDto[]> {
    const sinks = await loadAuditSinkStatuses(this.dataSource, { organizationId: principal.organizationId });
    return sinks.map((sink) => this.toDto(sink));
  }

  async get(principal: Principal, id: string): Promise<AuditSinkDto> {
    return this.toDto(await this.status(principal, id));
  }

  async create(principal: Principal, body: CreateAuditSinkDto): Promise<SavedAuditSinkDto> {
    if (body.headers !== undefined && body.kind !== 'otlp')
      throw new BadRequestException(['headers applies to otlp sinks only']);
    const settings = this.settings(body.kind, body.settings);
    const id = randomUUID();
    const secret = this.secretFor(body.kind, id, body.headers);
    const [{ cursor }] = (await this.dataSource.query(
      body.start === 'now'
        ? 'SELECT COALESCE((SELECT last_seq FROM audit_chains WHERE organization_id = $1), 0) AS cursor'
        : // From the oldest kept event: the chain's anchor is the seq retention kept first.
          'SELECT COALESCE((SELECT anchor_seq - 1 FROM audit_chains WHERE organization_id = $1), 0) AS cursor',
      [principal.organizationId],
    )) as { cursor: string }[];
    try {
      await this.dataSource.getRepository(AuditSinkEntity).insert({
        id,
        organizationId: principal.organizationId,
        name: body.name,
        kind: body.kind,
        settings,
        paused: body.paused ?? false,
        cursorSeq: String(cursor),
        // Checkpoints of events before the start were for someone else.
        checkpointSeq: String(cursor),
        createdByUserId: principal.userId,
        ...secret.columns,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(NAME_TAKEN);
      throw error;
    }
    const saved = await this.get(principal, id);
    return secret.webhookSecret ? { ...saved, secret: secret.webhookSecret } : saved;
  }

  async update(principal: Principal, id: string, body: UpdateAuditSinkDto): Promise<SavedAuditSinkDto> {
    const sink = await this.status(principal, id);
    if (body.headers !== undefined && sink.kind !== 'otlp')
      throw new BadRequestException(['headers applies to otlp sinks only']);
    if (body.rotate_secret && sink.kind !== 'webhook')
      throw new BadRequestException(['rotate_secret applies to webhook sinks only']);
    const changes: Partial<AuditSinkEntity> = {};
    if (body.name !== undefined) changes.name = body.name;
    if (body.settings !== undefined) changes.settings = this.settings(sink.kind, body.settings);
    let webhookSecret: string | null = null;
    if (body.headers !== undefined || body.rotate_secret) {
      const secret = this.secretFor(sink.kind, sink.id, body.headers ?? {});
      Object.assign(changes, secret.columns);
      webhookSecret = secret.webhookSecret;
    }
    if (body.paused !== undefined) changes.paused = body.paused;
    // A change of destination, credentials or a resume is tried at once rather than after the backoff.
    if (Object.keys(changes).length > 0) changes.nextAttemptAt = null;
    try {
      await this.dataSource.getRepository(AuditSinkEntity).update({ id: sink.id }, changes);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(NAME_TAKEN);
      throw error;
    }
    const saved = await this.get(principal, id);
    return webhookSecret ? { ...saved, secret: webhookSecret } : saved;
  }

  /** Asks the worker for a test message; its outcome shows under `test` once sent. */
  async requestTest(principal: Principal, id: string): Promise<AuditSinkDto> {
    const sink = await this.status(principal, id);
    await this.dataSource.query('UPDATE audit_sinks SET test_requested_at = now() WHERE id = $1', [sink.id]);
    return this.get(principal, id);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const { affected } = await this.dataSource
      .getRepository(AuditSinkEntity)
      .delete({ id, organizationId: principal.organizationId });
    if (!affected) throw new NotFoundException(NO_SINK);
  }

  private settings(kind: AuditSinkKind, input: Record<string, unknown>) {
    const parsed = parseSinkSettings(kind, input, this.config.allowPlaintext);
    if (parsed.problems.length > 0 || !parsed.settings) throw new BadRequestException(parsed.problems);
    return parsed.settings;
  }

  /** The sealed secret of a new sink, or of a rotation: a webhook's signing secret, an OTLP sink's headers. */
  private secretFor(
    kind: AuditSinkKind,
    id: string,
    headers: Record<string, unknown> | undefined,
  ): { columns: Partial<AuditSinkEntity>; webhookSecret: string | null } {
    if (kind === 'webhook') {
      const secret = generateWebhookSecret();
      const sealed = this.box.seal(secret, auditSinkSecretAad(id));
      return {
        columns: {
          secretCiphertext: sealed.ciphertext,
          secretKeyId: sealed.keyId,
          secretHint: secret.slice(-4),
        },
        webhookSecret: secret,
      };
    }
    if (kind !== 'otlp' || headers === undefined || Object.keys(headers).length === 0)
      return {
        columns: { secretCiphertext: null, secretKeyId: null, secretHint: null },
        webhookSecret: null,
      };
    const parsed = parseSinkHeaders(headers);
    if (parsed.problems.length > 0) throw new BadRequestException(parsed.problems);
    const sealed = this.box.seal(JSON.stringify(parsed.headers), auditSinkSecretAad(id));
    return {
      columns: { secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId, secretHint: null },
      webhookSecret: null,
    };
  }

  private async status(principal: Principal, id: string): Promise<AuditSinkStatus> {
    const [sink] = await loadAuditSinkStatuses(this.dataSource, {
      organizationId: principal.organizationId,
      id,
    });
    if (!sink) throw new NotFoundException(NO_SINK);
    return sink;
  }

  private headerNames(sink: AuditSinkStatus): string[] {
    if (sink.kind !== 'otlp' || !sink.secretCiphertext || !sink.secretKeyId) return [];
    try {
      const opened = this.box.open(
        { ciphertext: sink.secretCiphertext, keyId: sink.secretKeyId },
        auditSinkSecretAad(sink.id),
      );
      return Object.keys(JSON.parse(opened) as Record<string, string>).sort();
    } catch {
      return [];
    }
  }

  private toDto(sink: AuditSinkStatus): AuditSinkDto {
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    const state: SinkState = sink.paused
      ? 'paused'
      : sink.failures > 0
        ? 'failing'
        : sink.lagEvents > 0
          ? 'catching_up'
          : 'up_to_date';
    return {
      id: sink.id,
      name: sink.name,
      kind: sink.kind,
      settings: { ...sink.settings },
      state,
      paused: sink.paused,
      cursor_seq: sink.cursorSeq,
      head_seq: sink.headSeq,
      lag_events: sink.lagEvents,
      lag_seconds: Math.round(auditSinkLagSeconds(sink) * 1000) / 1000,
      delivered_at: iso(sink.deliveredAt),
      failures: sink.failures,
      last_error: sink.lastError,
      last_error_at: iso(sink.lastErrorAt),
      next_attempt_at: iso(sink.nextAttemptAt),
      secret_hint: sink.secretHint ? `${WEBHOOK_SECRET_PREFIX}…${sink.secretHint}` : null,
      header_names: this.headerNames(sink),
      test: {
        requested_at: iso(sink.testRequestedAt),
        tested_at: iso(sink.testedAt),
        error: sink.testError,
      },
      created_at: sink.createdAt.toISOString(),
      updated_at: sink.updatedAt.toISOString(),
    };
  }
}
