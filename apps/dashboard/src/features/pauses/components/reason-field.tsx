'use client';

import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { REASON_MAX_LENGTH } from '../api/pauses.types';

/** The reason a pause or a resume needs, which the audit log keeps. */
export function ReasonField({
  id,
  hint,
  placeholder,
  value,
  onChange,
}: {
  id: string;
  hint: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label="Reason" hint={hint}>
      <Textarea
        id={id}
        aria-describedby={`${id}-hint`}
        required
        maxLength={REASON_MAX_LENGTH}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
      />
    </Field>
  );
}
