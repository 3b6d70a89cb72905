'use client';

import { LoaderCircle } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { scopeLabel } from '../api/pause-labels';
import type { PauseScope } from '../api/pauses.types';
import { usePauseAccess } from '../api/use-pauses';
import { ReasonField } from './reason-field';

/** Asks why, says what a pause does, and pauses on confirmation. */
export function PauseDialog({
  open,
  onClose,
  scope,
  targetId,
  targetName,
}: {
  open: boolean;
  onClose: () => void;
  scope: PauseScope;
  targetId?: string;
  targetName?: string | null;
}) {
  const id = useId();
  const pause = usePauseAccess();
  const [reason, setReason] = useState('');
  const label = scopeLabel(scope, targetName);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    pause.mutate(
      { scope, ...(scope === 'organization' ? {} : { id: targetId }), reason: reason.trim() },
      {
        onSuccess: () => {
          setReason('');
          onClose();
          toast(`MCP access of ${label} paused`);
        },
      },
    );
  }

  return (
    <Dialog open={open} onClose={onClose} title={`Pause MCP access of ${label}?`}>
      <form className="grid gap-4 text-sm" onSubmit={onSubmit}>
        <p>
          Within a second, every agent of {label} is refused: its tool calls answer that access is paused,
          with your reason, and its open streams close. Calls already queued hold until access is resumed.
          Nothing is deleted.
        </p>
        <ReasonField
          id={`${id}-reason`}
          hint="Shown to the agents and in the audit log."
          placeholder="An agent is deleting tasks it should not."
          value={reason}
          onChange={setReason}
        />
        {pause.error && (
          <Alert variant="error" role="alert">
            {pause.error.message}
          </Alert>
        )}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="destructive" disabled={pause.isPending || reason.trim() === ''}>
            {pause.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
            Pause MCP access
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
