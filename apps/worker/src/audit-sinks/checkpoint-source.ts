/**
 * A signed statement about the chain up to `seq` (its head hash, signed by the gateway's key), delivered to every
 * sink right after the event with that seq. The fields beside `seq` and `at` are the checkpoint's own and travel
 * as they are.
 */
export interface AuditCheckpoint {
  seq: number;
  at: string;
  [field: string]: unknown;
}

/** Where the dispatcher finds the checkpoints to deliver inline with the events. */
export interface CheckpointSource {
  /** The organization's checkpoints with `afterSeq < seq <= upToSeq`, in seq order. */
  after(organizationId: string, afterSeq: number, upToSeq: number): Promise<AuditCheckpoint[]>;
}

/** The default: no checkpoints. */
export const NO_CHECKPOINTS: CheckpointSource = { after: async () => [] };

export const CHECKPOINT_SOURCE = Symbol('CHECKPOINT_SOURCE');
