'use client';

import { useId } from 'react';
import { useWidth } from './use-width';
import { ValueAxis } from './value-axis';
import { niceScale, SERIES_COLORS } from './scale';

export interface BarDatum {
  label: string;
  values: Record<string, number>;
}

const HEIGHT = 240;
const PAD = { top: 12, right: 8, bottom: 28, left: 40 };

/**
 * Bars per category, stacked by series. Drawn as plain SVG (no chart library): the figure has a text summary for
 * screen readers and an equivalent table they can read.
 */
export function StackedBarChart({
  data,
  series,
  seriesLabel,
  summary,
  formatValue = String,
}: {
  data: BarDatum[];
  series: string[];
  seriesLabel: (key: string) => string;
  summary: string;
  formatValue?: (value: number) => string;
}) {
  const tableId = useId();
  const [ref, width] = useWidth<HTMLDivElement>();
  const totals = data.map((d) => series.reduce((sum, key) => sum + (d.values[key] ?? 0), 0));
  const scale = niceScale(Math.max(0, ...totals), { integer: true });
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, data.length);
  const barWidth = Math.max(4, Math.min(36, slot * 0.64));
  const y = (value: number) => PAD.top + plotHeight - (value / scale.max) * plotHeight;
  const labelEvery = Math.ceil(data.length / 10);

  return (
    <figure className="grid gap-3">
      <div ref={ref} className="w-full">
        <svg
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-label={summary}
          aria-describedby={tableId}
          className="h-auto w-full"
        >
          <ValueAxis
            ticks={scale.ticks}
            y={y}
            left={PAD.left}
            right={width - PAD.right}
            formatValue={formatValue}
          />
          {data.map((datum, i) => {
            const x = PAD.left + slot * i + (slot - barWidth) / 2;
            let base = 0;
            return (
              <g key={datum.label}>
                {series.map((key, s) => {
                  const value = datum.values[key] ?? 0;
                  if (value <= 0) return null;
                  const top = base + value;
                  const rect = (
                    <rect
                      key={key}
                      x={x}
                      width={barWidth}
                      y={y(top)}
                      height={Math.max(0.5, y(base) - y(top))}
                      fill={SERIES_COLORS[s % SERIES_COLORS.length]}
                      rx={s === series.length - 1 ? 2 : 0}
                    >
                      <title>{`${datum.label} · ${seriesLabel(key)}: ${formatValue(value)}`}</title>
                    </rect>
                  );
                  base = top;
                  return rect;
                })}
                {i % labelEvery === 0 && (
                  <text
                    x={x + barWidth / 2}
                    y={HEIGHT - 8}
                    textAnchor="middle"
                    className="fill-muted-foreground text-[11px]"
                  >
                    {datum.label}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      {series.length > 0 && (
        <figcaption>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label="Legend">
            {series.map((key, s) => (
              <li key={key} className="flex items-center gap-1.5">
                <span
                  aria-hidden
                  className="size-2.5 rounded-sm"
                  style={{ background: SERIES_COLORS[s % SERIES_COLORS.length] }}
                />
                {seriesLabel(key)}
              </li>
            ))}
          </ul>
        </figcaption>
      )}
      <table id={tableId} className="sr-only">
        <caption>{summary}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {series.map((key) => (
              <th key={key} scope="col">
                {seriesLabel(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((datum) => (
            <tr key={datum.label}>
              <th scope="row">{datum.label}</th>
              {series.map((key) => (
                <td key={key}>{formatValue(datum.values[key] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
