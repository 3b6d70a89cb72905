import { Badge } from '@/components/ui/badge';
import type { ServerState } from '../api/mcp-servers.types';

const STATES: Record<
  ServerState,
  { label: string; variant: 'success' | 'warning' | 'destructive' | 'secondary' }
> = {
  active: { label: 'Active', variant: 'success' },
  expiring_soon: { label: 'Expiring soon', variant: 'warning' },
  expired: { label: 'Expired', variant: 'secondary' },
  revoked: { label: 'Revoked', variant: 'destructive' },
};

export const SERVER_STATE_OPTIONS: { value: ServerState; label: string }[] = (
  Object.keys(STATES) as ServerState[]
).map((value) => ({ value, label: STATES[value].label }));

export function ServerStateBadge({ state }: { state: ServerState }) {
  const { label, variant } = STATES[state];
  return (
    <Badge variant={variant} data-state={state}>
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {label}
    </Badge>
  );
}
