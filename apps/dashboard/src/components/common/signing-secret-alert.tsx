import { useId, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Input } from '@/components/ui/input';

/**
 * A webhook signing secret the api has just issued: shown this once, to copy, until the admin says it is stored.
 * `children` says what the receiver checks with it.
 */
export function SigningSecretAlert({
  secret,
  onDone,
  testId,
  children,
}: {
  secret: string;
  onDone: () => void;
  testId: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Alert variant="warning" title="Copy the signing secret now: it is shown only this once" role="status">
      <div className="grid gap-3">
        <p>{children}</p>
        <div className="flex flex-wrap items-center gap-2">
          <Input
            id={`${id}-secret`}
            readOnly
            aria-label="Signing secret"
            value={secret}
            className="min-w-64 flex-1 font-mono text-xs"
            data-testid={testId}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={secret} label="Copy secret" />
          <Button variant="outline" size="sm" onClick={onDone}>
            I have stored it
          </Button>
        </div>
      </div>
    </Alert>
  );
}
