import { z } from '@/lib/zod';
import type { TeamPolicyInput } from '../api/teams.types';

/** The policy editor's fields as typed; `max_expiry_days` is the text of a number input, empty for no limit. */
export const teamPolicyFormSchema = z.object({
  connection_ids: z.array(z.string()),
  workspace_ids: z.array(z.string()),
  tags: z.array(z.string()),
  methods: z.array(z.string()),
  require_space_pinning: z.boolean(),
  require_api_token_auth: z.boolean(),
  max_expiry_days: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d+$/.test(v), 'The maximum expiry is a whole number of days, or empty.')
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((v) => v === null || (v >= 1 && v <= 3650), 'The maximum expiry is between 1 and 3650 days.'),
});

export type TeamPolicyForm = z.input<typeof teamPolicyFormSchema>;

/** The PUT body, or the first message that explains what to fix. */
export function parseTeamPolicyForm(
  form: TeamPolicyForm,
): { ok: true; value: TeamPolicyInput } | { ok: false; message: string } {
  const parsed = teamPolicyFormSchema.safeParse(form);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the policy.' };
}
