'use client';

import { LoaderCircle, Power, Save } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { usePermission } from '@/features/auth/api/use-permission';
import { type SsoSettings, useSsoSettingsActions } from '../api/sso-settings';
import { parseSsoProviderForm } from '../schemas/sso-settings.schema';

/**
 * The OpenID provider: issuer, client id and write-only secret (read-only when `OIDC_*` env sets them), how its
 * answer is read, and the redirect URI to register there.
 */
export function SsoProviderCard({ settings }: { settings: SsoSettings }) {
  const id = useId();
  const canManage = usePermission('settings:manage');
  const { updateProvider, removeProvider } = useSsoSettingsActions();
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmOff, setConfirmOff] = useState(false);
  // Write-only: emptied once saved, never filled from the api.
  const [secret, setSecret] = useState('');
  const fromEnv = settings.source === 'env';
  const providerLocked = fromEnv || !canManage;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const parsed = parseSsoProviderForm(
      {
        issuer_url: fromEnv ? '' : text('issuer_url'),
        client_id: fromEnv ? '' : text('client_id'),
        client_secret: fromEnv ? '' : secret,
        groups_claim: text('groups_claim'),
        button_label: text('button_label'),
        scopes: text('scopes'),
      },
      { fromEnv, hasSecret: settings.client_secret_set },
    );
    if (!parsed.ok) return setProblem(parsed.message);
    setProblem(null);
    updateProvider.mutate(parsed.value, {
      onSuccess: () => {
        setSecret('');
        toast('Single sign-on saved');
      },
    });
  }

  const error = problem ?? updateProvider.error?.message;

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Single sign-on</CardTitle>
        <CardDescription>
          People sign in to this console through your OpenID Connect provider (Okta, Microsoft Entra ID,
          Google Workspace, Keycloak…). Their account is created at their first sign-in, and the group mapping
          below decides their role and teams at every sign-in.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="grid gap-2 rounded-lg border bg-muted/40 p-3 text-sm">
          <p>
            Register this redirect URI (sign-in redirect, callback URL) at your provider, for a web
            application using the authorization code flow:
          </p>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 break-all font-mono text-xs" id={`${id}-redirect`}>
              {settings.redirect_uri}
            </code>
            <CopyButton
              value={settings.redirect_uri}
              label="Copy the redirect URI"
              variant="outline"
              size="sm"
            />
          </div>
        </div>
        {fromEnv && (
          <Alert title="Set by the environment">
            The issuer, client id and secret come from <code className="font-mono">OIDC_ISSUER_URL</code>,{' '}
            <code className="font-mono">OIDC_CLIENT_ID</code> and{' '}
            <code className="font-mono">OIDC_CLIENT_SECRET</code>; change them there. The fields below them
            stay settings.
          </Alert>
        )}
        <form className="grid gap-4" onSubmit={onSubmit} aria-describedby={error ? `${id}-error` : undefined}>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              id={`${id}-issuer`}
              label="Issuer URL"
              hint="https://{tenant}.okta.com, https://login.microsoftonline.com/{tenant-id}/v2.0 or https://accounts.google.com"
              className="sm:col-span-2"
            >
              <Input
                id={`${id}-issuer`}
                name="issuer_url"
                type="url"
                defaultValue={settings.issuer_url ?? ''}
                readOnly={providerLocked}
                aria-describedby={`${id}-issuer-hint`}
                spellCheck={false}
              />
            </Field>
            <Field id={`${id}-client-id`} label="Client ID">
              <Input
                id={`${id}-client-id`}
                name="client_id"
                defaultValue={settings.client_id ?? ''}
                readOnly={providerLocked}
                spellCheck={false}
              />
            </Field>
            <Field
              id={`${id}-secret`}
              label="Client secret"
              hint={
                settings.client_secret_set
                  ? 'A secret is stored (never shown). Leave empty to keep it.'
                  : 'Stored encrypted; never shown again.'
              }
            >
              <Input
                id={`${id}-secret`}
                name="client_secret"
                value={secret}
                onChange={(event) => setSecret(event.target.value)}
                type="password"
                autoComplete="new-password"
                placeholder={settings.client_secret_set ? '••••••••' : ''}
                readOnly={providerLocked}
                aria-describedby={`${id}-secret-hint`}
              />
            </Field>
            <Field
              id={`${id}-claim`}
              label="Groups claim"
              hint="The claim that lists the person’s groups (groups for Okta and Entra ID)."
            >
              <Input
                id={`${id}-claim`}
                name="groups_claim"
                defaultValue={settings.groups_claim}
                readOnly={!canManage}
                aria-describedby={`${id}-claim-hint`}
                spellCheck={false}
              />
            </Field>
            <Field
              id={`${id}-label`}
              label="Button label"
              hint={`Shown as “Sign in with …”. Empty: ${issuerHost(settings.issuer_url) ?? 'the issuer’s host'}.`}
            >
              <Input
                id={`${id}-label`}
                name="button_label"
                defaultValue={settings.button_label ?? ''}
                readOnly={!canManage}
                aria-describedby={`${id}-label-hint`}
              />
            </Field>
            <Field
              id={`${id}-scopes`}
              label="Scopes"
              hint="Space-separated; openid is required. offline_access is added when the provider offers it."
              className="sm:col-span-2"
            >
              <Input
                id={`${id}-scopes`}
                name="scopes"
                defaultValue={settings.scopes}
                readOnly={!canManage}
                aria-describedby={`${id}-scopes-hint`}
                spellCheck={false}
              />
            </Field>
          </div>
          {error && (
            <Alert variant="error" role="alert">
              <span id={`${id}-error`}>{error}</span>
            </Alert>
          )}
          {canManage && (
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={updateProvider.isPending}>
                {updateProvider.isPending ? (
                  <LoaderCircle aria-hidden className="animate-spin" />
                ) : (
                  <Save aria-hidden />
                )}
                Save single sign-on
              </Button>
              {settings.source === 'settings' && (
                <Button type="button" variant="outline" onClick={() => setConfirmOff(true)}>
                  <Power aria-hidden />
                  Turn off
                </Button>
              )}
            </div>
          )}
        </form>
        <ConfirmDialog
          open={confirmOff}
          onClose={() => setConfirmOff(false)}
          title="Turn single sign-on off?"
          confirmLabel="Turn off single sign-on"
          pending={removeProvider.isPending}
          error={removeProvider.error}
          onConfirm={() =>
            removeProvider.mutate(undefined, {
              onSuccess: () => {
                setConfirmOff(false);
                toast('Single sign-on turned off');
              },
            })
          }
        >
          <p>
            The sign-in page stops offering “Sign in with {settings.effective_button_label}”. People who only
            signed in through it have no password: an admin can send them a password reset link.
          </p>
        </ConfirmDialog>
      </CardContent>
    </Card>
  );
}

function issuerHost(issuer: string | null): string | null {
  try {
    return issuer ? new URL(issuer).hostname : null;
  } catch {
    return null;
  }
}
