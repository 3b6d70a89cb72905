/** Horizontal grid lines with their values on the left: the y axis both the line and the bar charts draw. */
export function ValueAxis({
  ticks,
  y,
  left,
  right,
  formatValue,
}: {
  ticks: number[];
  y: (value: number) => number;
  left: number;
  right: number;
  formatValue: (value: number) => string;
}) {
  return (
    <>
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={left}
            x2={right}
            y1={y(tick)}
            y2={y(tick)}
            className="stroke-border"
            strokeDasharray={tick === 0 ? undefined : '3 3'}
          />
          <text
            x={left - 8}
            y={y(tick)}
            dy="0.32em"
            textAnchor="end"
            className="fill-muted-foreground text-[11px]"
          >
            {formatValue(tick)}
          </text>
        </g>
      ))}
    </>
  );
}
