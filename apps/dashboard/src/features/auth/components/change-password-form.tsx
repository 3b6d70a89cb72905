'use client';

import { LoaderCircle } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useChangePassword } from '../api/use-password';
import { newPasswordProblem } from '../schemas/new-password.schema';
import { NewPasswordFields, readNewPassword } from './new-password-fields';

/** The signed-in user's own password change; the gateway signs out its other sessions. */
export function ChangePasswordForm() {
  const id = useId();
  const change = useChangePassword();
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const fields = readNewPassword(form);
    const found = newPasswordProblem(fields);
    setProblem(found);
    if (found) return;
    change.mutate(
      { current_password: String(form.get('current_password') ?? ''), new_password: fields.new_password },
      { onSuccess: () => formElement.reset() },
    );
  }

  const error = problem ?? change.error?.message ?? null;

  return (
    <form className="grid max-w-md gap-4" onSubmit={onSubmit} aria-label="Change password">
      <Field id={`${id}-current`} label="Current password">
        <Input
          id={`${id}-current`}
          name="current_password"
          type="password"
          autoComplete="current-password"
          required
        />
      </Field>
      <NewPasswordFields id={id} />
      {error && (
        <Alert variant="error" role="alert">
          {error}
        </Alert>
      )}
      {change.isSuccess && !error && (
        <Alert variant="info" role="status">
          Password changed. Your other sessions are signed out.
        </Alert>
      )}
      <div>
        <Button type="submit" disabled={change.isPending}>
          {change.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
          Change password
        </Button>
      </div>
    </form>
  );
}
