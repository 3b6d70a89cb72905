import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

/** The new password, twice; both forms that set a password use it. */
export function NewPasswordFields({ id }: { id: string }) {
  return (
    <>
      <Field id={`${id}-new`} label="New password" hint="At least 12 characters.">
        <Input
          id={`${id}-new`}
          name="new_password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          aria-describedby={`${id}-new-hint`}
        />
      </Field>
      <Field id={`${id}-confirm`} label="Repeat the new password">
        <Input
          id={`${id}-confirm`}
          name="confirm_password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
        />
      </Field>
    </>
  );
}

/** The two fields as the schema reads them. */
export function readNewPassword(form: FormData): { new_password: string; confirm_password: string } {
  return {
    new_password: String(form.get('new_password') ?? ''),
    confirm_password: String(form.get('confirm_password') ?? ''),
  };
}
