import { z } from '@/lib/zod';
import type { SsoGroupRule, SsoProviderUpdate } from '../api/sso-settings';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The issuer rule the api applies too: https, or plain http for an IdP on the gateway's own machine. */
export function issuerProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The issuer is a URL such as https://acme.okta.com.';
  }
  if (url.search || url.hash) return 'The issuer has no query or fragment.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'The issuer must use https (plain http only for an IdP on this machine).';
}

/** How the IdP's answer is read: the part of the form that stays a setting when the environment sets the provider. */
const readingSchema = z.object({
  groups_claim: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_:.\-/]{1,200}$/, 'The groups claim is a claim name, such as groups.'),
  button_label: z.string().trim().max(60, 'The button label has at most 60 characters.'),
  scopes: z
    .string()
    .trim()
    .transform((v) => v.split(/\s+/).filter(Boolean).join(' '))
    .refine((v) => v.split(' ').includes('openid'), 'The scopes include openid.'),
});

/** The provider form as typed. The secret is write-only: empty keeps the stored one. */
export const ssoProviderFormSchema = readingSchema
  .extend({ issuer_url: z.string().trim(), client_id: z.string().trim(), client_secret: z.string() })
  .superRefine((form, ctx) => {
    const problem = form.issuer_url ? issuerProblem(form.issuer_url) : 'The issuer URL is needed.';
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['issuer_url'] });
    if (!form.client_id)
      ctx.addIssue({ code: 'custom', message: 'The client id is needed.', path: ['client_id'] });
  });

export type SsoProviderForm = z.input<typeof ssoProviderFormSchema>;

/**
 * The PUT body, or the first message that explains what to fix. With the provider set by the environment only the
 * fields it leaves to Settings are sent; `hasSecret` says whether an empty secret may keep the stored one.
 */
export function parseSsoProviderForm(
  form: SsoProviderForm,
  { fromEnv, hasSecret }: { fromEnv: boolean; hasSecret: boolean },
): { ok: true; value: SsoProviderUpdate } | { ok: false; message: string } {
  const schema = fromEnv ? readingSchema : ssoProviderFormSchema;
  const parsed = schema.safeParse(form);
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the settings.' };
  const { groups_claim, button_label, scopes } = parsed.data;
  const common = { groups_claim, button_label: button_label || null, scopes };
  if (fromEnv) return { ok: true, value: common };
  if (!form.client_secret && !hasSecret) return { ok: false, message: 'The client secret is needed.' };
  return {
    ok: true,
    value: {
      ...common,
      issuer_url: form.issuer_url.trim(),
      client_id: form.client_id.trim(),
      ...(form.client_secret ? { client_secret: form.client_secret } : {}),
    },
  };
}

/** One row of the mapping editor; `role` is '' for "no role". */
export interface GroupRuleRow {
  group: string;
  role: string;
  team_ids: string[];
}

const ROLES = ['owner', 'admin', 'member', 'auditor'] as const;

/** The mapping as the api takes it, or the first problem: a blank or repeated group, a rule that gives nothing. */
export function parseGroupRules(
  rows: GroupRuleRow[],
): { ok: true; value: SsoGroupRule[] } | { ok: false; message: string } {
  const seen = new Set<string>();
  const rules: SsoGroupRule[] = [];
  for (const [i, row] of rows.entries()) {
    const group = row.group.trim();
    if (!group) return { ok: false, message: `Rule ${i + 1} needs a group.` };
    if (seen.has(group)) return { ok: false, message: `The group “${group}” has two rules.` };
    seen.add(group);
    const role = (ROLES as readonly string[]).includes(row.role) ? (row.role as SsoGroupRule['role']) : null;
    if (role === null && row.team_ids.length === 0) {
      return { ok: false, message: `Rule ${i + 1} (“${group}”) gives neither a role nor a team.` };
    }
    rules.push({ group, role, team_ids: row.team_ids });
  }
  return { ok: true, value: rules };
}
