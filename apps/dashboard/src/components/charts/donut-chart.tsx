export interface Slice {
  key: string;
  label: string;
  value: number;
  color: string;
}

const RADIUS = 42;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** A ring of slices with the total in the middle; the legend beside it carries the numbers as text. */
export function DonutChart({
  slices,
  centerLabel,
  summary,
}: {
  slices: Slice[];
  centerLabel: string;
  summary: string;
}) {
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  let offset = 0;
  return (
    <figure className="flex flex-wrap items-center gap-6">
      <svg viewBox="0 0 120 120" role="img" aria-label={summary} className="size-32 shrink-0">
        <circle cx={60} cy={60} r={RADIUS} fill="none" strokeWidth={14} className="stroke-muted" />
        {total > 0 &&
          slices.map((slice) => {
            if (slice.value === 0) return null;
            const length = (slice.value / total) * CIRCUMFERENCE;
            const circle = (
              <circle
                key={slice.key}
                cx={60}
                cy={60}
                r={RADIUS}
                fill="none"
                stroke={slice.color}
                strokeWidth={14}
                strokeDasharray={`${length} ${CIRCUMFERENCE - length}`}
                strokeDashoffset={-offset}
                transform="rotate(-90 60 60)"
              >
                <title>{`${slice.label}: ${slice.value}`}</title>
              </circle>
            );
            offset += length;
            return circle;
          })}
        <text x={60} y={57} textAnchor="middle" className="fill-foreground text-[22px] font-semibold">
          {total}
        </text>
        <text x={60} y={75} textAnchor="middle" className="fill-muted-foreground text-[10px]">
          {centerLabel}
        </text>
      </svg>
      <figcaption>
        <ul className="grid gap-1.5 text-sm" aria-label="Legend">
          {slices.map((slice) => (
            <li key={slice.key} className="flex items-center gap-2">
              <span aria-hidden className="size-2.5 rounded-full" style={{ background: slice.color }} />
              <span className="text-muted-foreground">{slice.label}</span>
              <span className="ml-auto pl-4 font-medium tabular-nums">{slice.value}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
