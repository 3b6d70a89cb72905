'use client';

import { LoaderCircle, Save } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { usePermission } from '@/features/auth/api/use-permission';
import { type PasswordSignInMode, type SsoSettings, useSsoSettingsActions } from '../api/sso-settings';

/** Password sign-in for everyone, or only for the owners listed as break-glass accounts. */
export function PasswordSignInCard({
  settings,
  owners,
}: {
  settings: SsoSettings;
  owners: { id: string; name: string; email: string }[];
}) {
  const id = useId();
  const canManage = usePermission('settings:manage');
  const { updatePasswordSignIn } = useSsoSettingsActions();
  const [mode, setMode] = useState<PasswordSignInMode>(settings.password_sign_in);
  const [breakGlass, setBreakGlass] = useState<string[]>(settings.break_glass_user_ids);
  const ssoOn = settings.source !== 'none';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    updatePasswordSignIn.mutate(
      { mode, break_glass_user_ids: breakGlass },
      { onSuccess: () => toast('Password sign-in saved') },
    );
  }

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>Password sign-in</CardTitle>
        <CardDescription>
          With single sign-on in place, passwords can be kept for break-glass owners only: the accounts that
          still get in when the identity provider is down or misconfigured. Keep at least one.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4" onSubmit={onSubmit}>
          <fieldset className="grid gap-2" disabled={!canManage}>
            <legend className="mb-1 text-sm font-medium">Who may sign in with a password</legend>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="mode"
                value="everyone"
                checked={mode === 'everyone'}
                onChange={() => setMode('everyone')}
                className="accent-primary"
              />
              Everyone
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="mode"
                value="break_glass_owners"
                checked={mode === 'break_glass_owners'}
                onChange={() => setMode('break_glass_owners')}
                disabled={!ssoOn && mode !== 'break_glass_owners'}
                className="accent-primary"
              />
              Break-glass owners only{!ssoOn && ' (configure single sign-on first)'}
            </label>
          </fieldset>
          <fieldset className="grid gap-2" disabled={!canManage}>
            <legend className="mb-1 text-sm font-medium">Break-glass owners</legend>
            {owners.length === 0 && <p className="text-sm text-muted-foreground">No active owner.</p>}
            {owners.map((owner) => (
              <label key={owner.id} className="flex items-center gap-2 text-sm">
                <Checkbox
                  checked={breakGlass.includes(owner.id)}
                  onChange={(event) =>
                    setBreakGlass((current) =>
                      event.target.checked ? [...current, owner.id] : current.filter((o) => o !== owner.id),
                    )
                  }
                />
                {owner.name} <span className="text-muted-foreground">({owner.email})</span>
              </label>
            ))}
          </fieldset>
          {updatePasswordSignIn.error && (
            <Alert variant="error" role="alert">
              {updatePasswordSignIn.error.message}
            </Alert>
          )}
          {canManage && (
            <div>
              <Button type="submit" disabled={updatePasswordSignIn.isPending}>
                {updatePasswordSignIn.isPending ? (
                  <LoaderCircle aria-hidden className="animate-spin" />
                ) : (
                  <Save aria-hidden />
                )}
                Save password sign-in
              </Button>
            </div>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
