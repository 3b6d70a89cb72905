import { OrganizationEntity } from './organization.entity';
import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

export const AUDIT_SINK_KINDS = ['webhook', 'syslog', 'otlp'] as const;
export type AuditSinkKind = (typeof AUDIT_SINK_KINDS)[number];

/** An HTTPS endpoint that takes JSON batches signed with the sink's secret. */
export interface WebhookSinkSettings {
  url: string;
}

/** An RFC 5424 receiver over TCP, with or without TLS. */
export interface SyslogSinkSettings {
  host: string;
  port: number;
  tls: boolean;
  /** PEM of the CA (or the self-signed certificate) the receiver's certificate must chain to; null: the system CAs. */
  ca_pem: string | null;
  /** Facility code 0–23 (16–23: local0–local7). */
  facility: number;
  app_name: string;
}

/** An OTLP/HTTP collector; logs go to `<endpoint>/v1/logs` as JSON. */
export interface OtlpSinkSettings {
  endpoint: string;
  service_name: string;
}

export type AuditSinkSettings = WebhookSinkSettings | SyslogSinkSettings | OtlpSinkSettings;

/**
 * One destination the organization's audit chain is streamed to, with its durable cursor: `cursor_seq` is the last
 * seq the receiver acknowledged, and only moves forward, after an acknowledgement. The secret (a webhook's signing
 * secret, an OTLP sink's headers as JSON) is AES-256-GCM sealed, bound to the sink. `lease_*` name the one worker
 * that delivers for the sink at a time.
 */
@Entity('audit_sinks')
@Index('uq_audit_sinks_organization_name', ['organizationId', 'name'], { unique: true })
export class AuditSinkEntity {
  @PrimaryColumn('uuid')
  id: string;

  @ForeignKey(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: AuditSinkKind;

  @Column('jsonb')
  settings: AuditSinkSettings;

  @Column('text', { name: 'secret_ciphertext', nullable: true })
  secretCiphertext: string | null;

  @Column('text', { name: 'secret_key_id', nullable: true })
  secretKeyId: string | null;

  /** The signing secret's last four characters, so an admin can tell which one a receiver holds. */
  @Column('text', { name: 'secret_hint', nullable: true })
  secretHint: string | null;

  /** Paused: nothing is sent; the cursor stays where it is and delivery resumes from it. */
  @Column('boolean', { default: false })
  paused: boolean;

  /** The last seq of the organization's chain the receiver acknowledged. */
  @Column('bigint', { name: 'cursor_seq', default: 0 })
  cursorSeq: string;

  /** The seq of the last signed checkpoint delivered (checkpoints may be made after their events were sent). */
  @Column('bigint', { name: 'checkpoint_seq', default: 0 })
  checkpointSeq: string;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  /** Failed attempts since the last delivery; drives the backoff. */
  @Column('integer', { default: 0 })
  failures: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'last_error_at', nullable: true })
  lastErrorAt: Date | null;

  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column('text', { name: 'lease_owner', nullable: true })
  leaseOwner: string | null;

  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  /** An admin asked for a test message; the dispatcher sends it at its next turn and records how it went. */
  @Column('timestamptz', { name: 'test_requested_at', nullable: true })
  testRequestedAt: Date | null;

  @Column('timestamptz', { name: 'tested_at', nullable: true })
  testedAt: Date | null;

  @Column('text', { name: 'test_error', nullable: true })
  testError: string | null;

  @Column('uuid', { name: 'created_by_user_id', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
