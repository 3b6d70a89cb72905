import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The shared request budget of one ClickUp token when the queue runs on PostgreSQL (the embedded mode): the
 * current window's limit, end and count. Redis holds the same when it is configured.
 */
@Entity('clickup_rate_budgets')
export class ClickUpRateBudgetEntity {
  /** The token's fingerprint (a truncated SHA-256), never the token. */
  @PrimaryColumn('text')
  fingerprint: string;

  @Column('integer', { name: 'limit_per_window' })
  limitPerWindow: number;

  /** Epoch ms. */
  @Column('bigint', { name: 'reset_at' })
  resetAt: string;

  @Column('integer')
  granted: number;

  /** Whether an answer has told the limit (until then, one request probes it). */
  @Column('boolean')
  known: boolean;

  /** Epoch ms. */
  @Column('bigint', { name: 'probe_until' })
  probeUntil: string;

  /** When the current window began as counted here, epoch ms: answers from before it are about an older window. */
  @Column('bigint', { name: 'opened_at', default: 0 })
  openedAt: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
