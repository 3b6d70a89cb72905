import { z } from '@/lib/zod';

/** The longest comment the api keeps with a decision. */
export const MAX_COMMENT = 2000;

const comment = z.string().trim().max(MAX_COMMENT, `A comment is at most ${MAX_COMMENT} characters.`);

/** Approving may say why; rejecting must, since the agent (and the person behind it) reads the comment. */
export const decisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), comment }),
  z.object({
    decision: z.literal('reject'),
    comment: comment.min(1, 'Say why you reject it: the agent shows your comment to the person who asked.'),
  }),
]);

export type DecisionInput = z.input<typeof decisionSchema>;

/** The body to send (`comment` left out when empty), or the message that says what to fix. */
export function parseDecision(
  input: DecisionInput,
): { ok: true; decision: 'approve' | 'reject'; body: { comment?: string } } | { ok: false; message: string } {
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the comment.' };
  const { decision, comment: text } = parsed.data;
  return { ok: true, decision, body: text ? { comment: text } : {} };
}
