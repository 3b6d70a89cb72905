import type { ToolContext } from '../core/tool-context';

/**
 * What a call would do, read from ClickUp when it asks for approval, so the approver judges the effect and not only
 * the arguments. Every field but `summary` and `kind` is optional: a tool shows what it can.
 */
export interface EffectPreview {
  kind: 'delete' | 'update' | 'create' | 'other';
  /** One line for the audit row, the notification and the inbox: `Deletes task "Fix login" with 3 subtasks and 12 comments`. */
  summary: string;
  /** The object the call acts on, as ClickUp has it now (deletes and updates): its id, name and the fields that matter. */
  target?: { type: string; id: string; name: string | null; url?: string | null } | null;
  /** Updates: each field the call changes, its current value and the proposed one. */
  changes?: { field: string; from: unknown; to: unknown }[];
  /** Creates: the new object as the call describes it. */
  proposed?: Record<string, unknown> | null;
  /** Creates: where it lands (a list, folder or space). */
  location?: { type: string; id: string; name: string | null } | null;
  /** What goes with a delete or is touched by the call: `tasks`, `subtasks`, `comments`, `lists`... */
  counts?: Record<string, number>;
  /**
   * How many tasks the call touches (a task deleted with its subtasks counts each), for the policy's `min_tasks`;
   * null when the preview cannot tell.
   */
  tasks_touched?: number | null;
  /** Why ClickUp could not be read for the preview; the request still waits for approval. */
  unavailable?: string;
}

/** Reads a call's effect from ClickUp, with the server's client and scope; arguments are already validated. */
export type PreviewReader = (args: Record<string, unknown>, ctx: ToolContext) => Promise<EffectPreview>;
