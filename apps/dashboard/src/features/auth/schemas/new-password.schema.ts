import { z } from '@/lib/zod';

/** The api's rule for a new password (at least 12 characters), and the confirmation the form asks for. */
export const newPasswordSchema = z
  .object({
    new_password: z.string().min(12, 'The new password needs at least 12 characters.').max(1024),
    confirm_password: z.string(),
  })
  .refine((value) => value.new_password === value.confirm_password, {
    message: 'The two new passwords differ.',
    path: ['confirm_password'],
  });

/** The first problem with the new password as a sentence, or null when it is acceptable. */
export function newPasswordProblem(input: { new_password: string; confirm_password: string }): string | null {
  const parsed = newPasswordSchema.safeParse(input);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Check the new password.');
}
