import { ExternalLink } from 'lucide-react';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { humanize } from '@/lib/format';
import { countLabels, previewValue, safeLink } from '../api/effect-preview-text';
import type { EffectPreview } from '../api/approvals.types';

const KIND_TITLES: Record<EffectPreview['kind'], string> = {
  delete: 'What it deletes',
  update: 'What it changes',
  create: 'What it creates',
  other: 'What it does',
};

/**
 * The call's effect as ClickUp had it when the agent asked: the object, what changes (current → proposed), what a
 * delete takes with it, where a create lands. Every value is untrusted text, rendered as text.
 */
export function EffectPreviewView({ preview }: { preview: EffectPreview }) {
  const counts = countLabels(preview.counts);
  const link = safeLink(preview.target?.url);
  return (
    <div className="grid gap-4 text-sm" data-testid="effect-preview">
      <p className="font-medium" data-testid="effect-summary">
        {preview.summary}
      </p>
      {preview.unavailable && (
        <Alert variant="warning" title="ClickUp could not be read for this preview">
          {preview.unavailable} Judge the request by its arguments.
        </Alert>
      )}
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[10rem_minmax(0,1fr)]">
        <Fact term="Kind">{KIND_TITLES[preview.kind] ?? humanize(preview.kind)}</Fact>
        {preview.target && (
          <Fact term={humanize(preview.target.type)}>
            <span className="break-words font-medium" data-testid="effect-target">
              {preview.target.name ?? 'Unnamed'}
            </span>{' '}
            <span className="font-mono text-xs text-muted-foreground">({preview.target.id})</span>
            {link && (
              <a
                href={link}
                target="_blank"
                rel="noreferrer noopener"
                className="ml-2 inline-flex items-center gap-1 text-xs underline underline-offset-4"
              >
                Open in ClickUp
                <ExternalLink aria-hidden className="size-3" />
              </a>
            )}
          </Fact>
        )}
        {preview.location && (
          <Fact term={`In ${humanize(preview.location.type).toLowerCase()}`}>
            <span className="break-words font-medium">{preview.location.name ?? 'Unnamed'}</span>{' '}
            <span className="font-mono text-xs text-muted-foreground">({preview.location.id})</span>
          </Fact>
        )}
        {counts.length > 0 && (
          <Fact term={preview.kind === 'delete' ? 'Goes with it' : 'Touches'}>
            <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Counts" data-testid="effect-counts">
              {counts.map((count) => (
                <li key={count} className="font-medium tabular-nums">
                  {count}
                </li>
              ))}
            </ul>
          </Fact>
        )}
        {typeof preview.tasks_touched === 'number' && (
          <Fact term="Tasks touched">
            <span className="tabular-nums">{preview.tasks_touched}</span>
          </Fact>
        )}
      </dl>
      {preview.changes && preview.changes.length > 0 && (
        <div className="overflow-hidden rounded-lg border">
          <Table aria-label="Changes">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead className="pl-3">Field</TableHead>
                <TableHead>Current</TableHead>
                <TableHead className="pr-3">Proposed</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {preview.changes.map((change, i) => (
                <TableRow key={`${change.field}-${i}`}>
                  <TableCell className="pl-3 font-medium">{humanize(change.field)}</TableCell>
                  <TableCell className="max-w-72 whitespace-pre-wrap break-words text-muted-foreground">
                    {previewValue(change.from)}
                  </TableCell>
                  <TableCell className="max-w-72 whitespace-pre-wrap break-words pr-3">
                    {previewValue(change.to)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {preview.proposed && Object.keys(preview.proposed).length > 0 && (
        <section className="grid gap-2" aria-label="Proposed object">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">
            The new {preview.target?.type ?? 'object'}
          </h3>
          <dl className="grid gap-x-4 gap-y-2 rounded-lg border p-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
            {Object.entries(preview.proposed).map(([field, value]) => (
              <Fact key={field} term={humanize(field)}>
                <span className="whitespace-pre-wrap break-words">{previewValue(value)}</span>
              </Fact>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
