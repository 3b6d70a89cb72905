import { CircleAlert, Info, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

const STYLES = {
  info: { icon: Info, className: 'border-border bg-muted/40 text-foreground' },
  warning: { icon: TriangleAlert, className: 'border-warning/40 bg-warning/10 text-foreground' },
  error: { icon: CircleAlert, className: 'border-destructive/30 bg-destructive/5 text-destructive' },
} as const;

export function Alert({
  variant = 'info',
  title,
  children,
  className,
  role,
}: {
  variant?: keyof typeof STYLES;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  role?: 'alert' | 'status';
}) {
  const { icon: Icon, className: style } = STYLES[variant];
  return (
    <div role={role} className={cn('flex gap-3 rounded-lg border px-4 py-3 text-sm', style, className)}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="grid min-w-0 gap-1">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className={cn(title && 'text-muted-foreground')}>{children}</div>}
      </div>
    </div>
  );
}
