import { ShieldOff } from 'lucide-react';
import { EmptyState } from './empty-state';

export function Forbidden({ what }: { what: string }) {
  return (
    <EmptyState icon={ShieldOff} title="Not available for your role">
      Your role does not allow you to {what}. Ask an owner or admin if you need it.
    </EmptyState>
  );
}
