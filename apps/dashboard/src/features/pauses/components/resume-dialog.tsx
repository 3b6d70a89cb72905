'use client';

import { LoaderCircle } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { toast } from '@/components/common/toaster';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { cn } from '@/lib/utils';
import { scopeLabel } from '../api/pause-labels';
import type { Pause, QueuedOnResume } from '../api/pauses.types';
import { useResumeAccess } from '../api/use-pauses';
import { ReasonField } from './reason-field';

const QUEUED_OPTIONS: { value: QueuedOnResume; label: string; hint: string }[] = [
  {
    value: 'resume',
    label: 'Run the held calls now',
    hint: 'The calls queued before or during the pause go to ClickUp, each once.',
  },
  {
    value: 'discard',
    label: 'Discard the held calls',
    hint: 'They are cancelled and their agents told so. A call that had already changed something in ClickUp is finished instead, so nothing is left half done.',
  },
];

/** Asks why, and what becomes of the calls the pause held, then resumes. */
export function ResumeDialog({ pause, open, onClose }: { pause: Pause; open: boolean; onClose: () => void }) {
  const id = useId();
  const resume = useResumeAccess();
  const [reason, setReason] = useState('');
  const [queued, setQueued] = useState<QueuedOnResume>('resume');
  const label = scopeLabel(pause.scope, pause.target.name);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    resume.mutate(
      { id: pause.id, reason: reason.trim(), queued },
      {
        onSuccess: () => {
          onClose();
          toast(`MCP access of ${label} resumed`);
        },
      },
    );
  }

  return (
    <Dialog open={open} onClose={onClose} title={`Resume MCP access of ${label}?`}>
      <form className="grid gap-4 text-sm" onSubmit={onSubmit}>
        <p>Its agents can call tools again within a second.</p>
        <ReasonField
          id={`${id}-reason`}
          hint="Kept in the audit log with the resume."
          placeholder="The agent's instructions are fixed."
          value={reason}
          onChange={setReason}
        />
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">Queued calls</legend>
          {QUEUED_OPTIONS.map((option) => (
            <label
              key={option.value}
              className={cn(
                'flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 transition-colors hover:bg-accent/50',
                queued === option.value && 'border-primary/50 bg-accent/40',
              )}
            >
              <input
                type="radio"
                name={`${id}-queued`}
                value={option.value}
                checked={queued === option.value}
                onChange={() => setQueued(option.value)}
                className="mt-0.5 size-4 accent-primary"
              />
              <span className="grid gap-0.5">
                <span className="font-medium">{option.label}</span>
                <span className="text-xs text-muted-foreground">{option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {resume.error && (
          <Alert variant="error" role="alert">
            {resume.error.message}
          </Alert>
        )}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={resume.isPending || reason.trim() === ''}>
            {resume.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
            Resume MCP access
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
