'use client';

import { Checkbox } from '@/components/ui/checkbox';
import { usePermission } from '@/features/auth/api/use-permission';

/**
 * Goals and the member directory belong to the whole workspace, not to a space, so a server pinned to spaces leaves
 * them out unless an owner
 * or admin allows workspace-level objects. Members see the setting; they may turn it off, never on.
 */
export function WorkspaceObjectsSwitch({
  id,
  checked,
  onChange,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const canAllow = usePermission('servers:allow-workspace-objects');
  const locked = !canAllow && !checked;
  return (
    <label
      htmlFor={id}
      className={
        locked
          ? 'flex items-start gap-3 rounded-lg border px-4 py-3 text-sm'
          : 'flex cursor-pointer items-start gap-3 rounded-lg border px-4 py-3 text-sm'
      }
    >
      <Checkbox
        id={id}
        className="mt-0.5"
        checked={checked}
        disabled={locked}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="grid gap-1">
        <span className="font-medium">Allow workspace-level objects (goals)</span>
        <span id={`${id}-hint`} className="text-muted-foreground">
          Goals and the directory of all workspace members belong to the whole workspace, not to a space: a
          server pinned to spaces does not expose them unless this is on.
          {locked && ' Only owners and admins can turn it on.'}
        </span>
      </span>
    </label>
  );
}
