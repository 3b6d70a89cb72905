'use client';

import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cn } from '@/lib/utils';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** `center`: a modal card; `right`: a drawer along the right edge. */
  variant?: 'center' | 'right';
  className?: string;
}

/**
 * A modal on the native `<dialog>`: the browser traps focus, closes on Escape and restores focus to the opener,
 * which is what the WAI-ARIA dialog pattern asks for without a focus-trap library.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  variant = 'center',
  className,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className={cn(
        'bg-popover text-popover-foreground shadow-xl backdrop:bg-black/40 backdrop:backdrop-blur-[1px]',
        variant === 'center'
          ? 'm-auto w-[calc(100%-2rem)] max-w-lg rounded-xl border p-0'
          : 'ml-auto mr-0 mt-0 h-dvh max-h-none w-full max-w-2xl border-l p-0',
        className,
      )}
    >
      {open && (
        <div className={cn('flex flex-col', variant === 'right' && 'h-full')}>
          <header className="flex items-start gap-4 border-b px-6 py-4">
            <div className="grid min-w-0 flex-1 gap-1">
              <h2 id={titleId} className="text-lg font-semibold leading-tight">
                {title}
              </h2>
              {description && (
                <p id={descriptionId} className="text-sm text-muted-foreground">
                  {description}
                </p>
              )}
            </div>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="-mr-2 rounded-md p-1.5 text-muted-foreground outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              <X aria-hidden className="size-4" />
            </button>
          </header>
          <div className={cn('px-6 py-5', variant === 'right' && 'min-h-0 flex-1 overflow-y-auto')}>
            {children}
          </div>
        </div>
      )}
    </dialog>
  );
}

export function DialogFooter({ className, children }: { className?: string; children: ReactNode }) {
  return <div className={cn('mt-6 flex flex-wrap justify-end gap-2', className)}>{children}</div>;
}
