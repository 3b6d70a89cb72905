import { Waypoints } from 'lucide-react';
import { cn } from '@/lib/utils';

export const PRODUCT_NAME = 'ClickUp MCP Gateway';

export function Brand({ className }: { className?: string }) {
  return (
    <span className={cn('flex items-center gap-2.5 font-semibold tracking-tight', className)}>
      <span className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground shadow-xs">
        <Waypoints aria-hidden className="size-4.5" />
      </span>
      <span className="text-sm">{PRODUCT_NAME}</span>
    </span>
  );
}
