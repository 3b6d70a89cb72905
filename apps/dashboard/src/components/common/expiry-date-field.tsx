import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

/** The date asked for when an expiry choice is "custom" (servers and API tokens alike). */
export function ExpiryDateField({
  id,
  value,
  onChange,
  className,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  return (
    <Field id={id} label="Expiry date">
      <Input
        id={id}
        type="date"
        className={className}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
