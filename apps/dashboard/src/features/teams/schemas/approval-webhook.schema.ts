import { z } from '@/lib/zod';

/**
 * The webhook URL as the api accepts it: http or https, at most 2000 characters, no user name or password, no
 * fragment, no spaces. Private addresses are fine. The api decides; this only spares an admin a refusal.
 */
export const webhookUrlSchema = z
  .string()
  .min(1, 'Enter the URL to post notifications to.')
  .max(2000, 'The URL is longer than 2000 characters.')
  .refine((v) => !/[\s\p{Cc}]/u.test(v), 'The URL contains spaces or invisible characters.')
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Enter a full URL, starting with https:// (or http://).' });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      ctx.addIssue({ code: 'custom', message: 'The URL must start with https:// or http://.' });
    else if (url.username || url.password)
      ctx.addIssue({ code: 'custom', message: 'Leave the user name and password out of the URL.' });
    else if (value.includes('#'))
      ctx.addIssue({ code: 'custom', message: 'Leave the #fragment out of the URL: it is never sent.' });
  });

/** The URL to save, or the first message that explains what to fix. */
export function parseWebhookUrl(value: string): { ok: true; url: string } | { ok: false; message: string } {
  const parsed = webhookUrlSchema.safeParse(value.trim());
  return parsed.success
    ? { ok: true, url: parsed.data }
    : { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the URL.' };
}
