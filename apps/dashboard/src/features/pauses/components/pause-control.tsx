'use client';

import { CirclePause } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { usePermission } from '@/features/auth/api/use-permission';
import { scopeLabel } from '../api/pause-labels';
import type { PauseScope } from '../api/pauses.types';
import { useActivePause } from '../api/use-pauses';
import { PauseDialog } from './pause-dialog';

/**
 * The kill switch of one scope: "Pause MCP access" for owners and admins, or a Paused badge while a pause is in
 * force (the banner above the page resumes it).
 */
export function PauseControl({
  scope,
  targetId,
  targetName,
}: {
  scope: PauseScope;
  targetId?: string;
  targetName?: string | null;
}) {
  const canManage = usePermission('pauses:manage');
  const active = useActivePause(scope, targetId);
  const [open, setOpen] = useState(false);
  if (active) {
    return (
      <Badge variant="destructive">
        <CirclePause aria-hidden />
        MCP access paused
      </Badge>
    );
  }
  if (!canManage) return null;
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        className="text-destructive hover:text-destructive"
        onClick={() => setOpen(true)}
        aria-label={`Pause MCP access of ${scopeLabel(scope, targetName)}`}
      >
        <CirclePause aria-hidden />
        Pause MCP access
      </Button>
      <PauseDialog
        open={open}
        onClose={() => setOpen(false)}
        scope={scope}
        targetId={targetId}
        targetName={targetName}
      />
    </>
  );
}
