'use client';

import { CirclePause } from 'lucide-react';
import { useState } from 'react';
import { TimeAgo } from '@/components/common/time-ago';
import { Button } from '@/components/ui/button';
import { usePermission } from '@/features/auth/api/use-permission';
import { pauseHeadline } from '../api/pause-labels';
import type { Pause } from '../api/pauses.types';
import { useActivePauses } from '../api/use-pauses';
import { ResumeDialog } from './resume-dialog';

/** Above every console page while any MCP access is paused: what, why, since when, by whom, and Resume. */
export function PauseBanner() {
  const { data: pauses } = useActivePauses();
  const canManage = usePermission('pauses:manage');
  if (!pauses || pauses.length === 0) return null;
  return (
    <section aria-label="Paused MCP access" className="border-b border-destructive/30 bg-destructive/5">
      <ul className="grid gap-2 px-4 py-3 md:px-8">
        {pauses.map((pause) => (
          <PauseNotice key={pause.id} pause={pause} canManage={canManage} />
        ))}
      </ul>
    </section>
  );
}

function PauseNotice({ pause, canManage }: { pause: Pause; canManage: boolean }) {
  const [resuming, setResuming] = useState(false);
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm" data-testid="pause-notice">
      <CirclePause aria-hidden className="size-4 shrink-0 text-destructive" />
      <div className="grid min-w-0 flex-1 gap-0.5">
        <p className="font-medium">{pauseHeadline(pause)}</p>
        <p className="text-muted-foreground">
          {/* Typed by an admin: shown as text, never as markup. */}
          <span className="break-words">“{pause.reason}”</span> — since <TimeAgo iso={pause.created_at} />
          {pause.created_by.email && <> by {pause.created_by.email}</>}. Tool calls are refused and queued
          calls held.
        </p>
      </div>
      {canManage && (
        <>
          <Button size="sm" variant="outline" onClick={() => setResuming(true)}>
            Resume…
          </Button>
          <ResumeDialog pause={pause} open={resuming} onClose={() => setResuming(false)} />
        </>
      )}
    </li>
  );
}
