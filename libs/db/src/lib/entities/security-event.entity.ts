import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Refusals of requests nobody authenticated (unknown MCP URLs, bad credentials, failed sign-ins, rate limits),
 * counted per minute, source address and reason. They belong to no organization, so they stay out of the audit
 * chains; a row holds counts only, never what the request carried.
 */
@Entity('security_events')
export class SecurityEventEntity {
  /** The start of the minute the refusals fell in. */
  @PrimaryColumn('timestamptz')
  minute: Date;

  /** The client address as the api determined it (see TRUST_PROXY), or `other` for overflow. */
  @PrimaryColumn('varchar', { length: 64 })
  ip: string;

  @PrimaryColumn('varchar', { length: 32 })
  reason: string;

  @Column('integer')
  count: number;
}
