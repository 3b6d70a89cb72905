'use client';

import { useState } from 'react';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { Role } from '@/features/auth/api/auth.types';
import { grantableRoles } from '@/features/auth/api/permissions';
import { formatDate } from '@/lib/format';
import type { PasswordResetLink, User } from '../api/users.types';
import { useCreatePasswordReset, useUpdateUser } from '../api/use-users';

/**
 * Whether the signed-in manager may change this user: only an owner touches an owner (the api enforces it too,
 * along with the last-owner rule, which the list cannot know about).
 */
export function canChangeUser(me: { role: Role }, user: User): boolean {
  return me.role === 'owner' || user.role !== 'owner';
}

export function RoleSelect({ me, user }: { me: { role: Role }; user: User }) {
  const update = useUpdateUser();
  const roles = grantableRoles(me.role);
  return (
    <Select
      aria-label={`Role of ${user.name}`}
      value={user.role}
      disabled={update.isPending}
      className="h-8 w-32 capitalize"
      onChange={(event) => {
        const role = event.target.value as Role;
        update.mutate(
          { id: user.id, role },
          {
            onSuccess: () =>
              toast(`${user.name} is now ${role === 'admin' || role === 'auditor' ? 'an' : 'a'} ${role}`),
            onError: (error) => toast(error.message, 'error'),
          },
        );
      }}
    >
      {roles.map((role) => (
        <option key={role} value={role} className="capitalize">
          {role}
        </option>
      ))}
    </Select>
  );
}

/** Disable or enable, and a one-time password-reset link; never offered on one's own row. */
export function UserRowActions({ user }: { user: User }) {
  const update = useUpdateUser();
  const reset = useCreatePasswordReset();
  const [confirming, setConfirming] = useState(false);
  const [link, setLink] = useState<PasswordResetLink | null>(null);

  const enable = () =>
    update.mutate(
      { id: user.id, disabled: false },
      {
        onSuccess: () => toast(`${user.name} can sign in again`),
        onError: (error) => toast(error.message, 'error'),
      },
    );
  const makeLink = () =>
    reset.mutate(user.id, { onSuccess: setLink, onError: (error) => toast(error.message, 'error') });

  return (
    <div className="flex justify-end gap-1">
      {!user.disabled && (
        <Button variant="ghost" size="sm" disabled={reset.isPending} onClick={makeLink}>
          Reset password<span className="sr-only"> of {user.name}</span>
        </Button>
      )}
      {user.disabled ? (
        <Button variant="ghost" size="sm" disabled={update.isPending} onClick={enable}>
          Enable<span className="sr-only"> {user.name}</span>
        </Button>
      ) : (
        <Button
          variant="ghost"
          size="sm"
          className="text-destructive hover:text-destructive"
          onClick={() => setConfirming(true)}
        >
          Disable<span className="sr-only"> {user.name}</span>
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => {
          setConfirming(false);
          update.reset();
        }}
        title={`Disable ${user.name}?`}
        confirmLabel="Disable user"
        pending={update.isPending}
        error={update.error}
        onConfirm={() =>
          update.mutate(
            { id: user.id, disabled: true },
            {
              onSuccess: () => {
                toast(`${user.name} is disabled`);
                setConfirming(false);
              },
            },
          )
        }
      >
        <p>
          Their open sessions end and the API tokens they created stop working at once. You can enable them
          again later; they then sign in anew.
        </p>
      </ConfirmDialog>
      <Dialog
        open={link !== null}
        onClose={() => setLink(null)}
        title={`Password reset link for ${user.name}`}
      >
        {link && (
          <div className="grid gap-4 text-sm">
            <Alert variant="warning" title="Copy the link now">
              It is shown only this once, works once, and expires {formatDate(link.expires_at)}. Send it to{' '}
              {user.email} through a channel you trust. Making another link cancels this one.
            </Alert>
            <div className="flex gap-2">
              <Input
                readOnly
                aria-label="Password reset link"
                value={link.reset_url}
                className="font-mono text-xs"
              />
              <CopyButton value={link.reset_url} />
            </div>
            <DialogFooter>
              <Button onClick={() => setLink(null)}>Done</Button>
            </DialogFooter>
          </div>
        )}
      </Dialog>
    </div>
  );
}
