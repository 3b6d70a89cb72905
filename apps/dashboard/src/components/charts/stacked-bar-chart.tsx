'use client';

import { ChartFigure, useChartFrame } from './chart-figure';
import { SERIES_COLORS } from './scale';

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
  const totals = data.map((d) => series.reduce((sum, key) => sum + (d.values[key] ?? 0), 0));
  const frame = useChartFrame(HEIGHT, PAD, Math.max(0, ...totals), { integer: true });
  const { plotWidth, y } = frame;
  const slot = plotWidth / Math.max(1, data.length);
  const barWidth = Math.max(4, Math.min(36, slot * 0.64));
  const barX = (i: number) => PAD.left + slot * i + (slot - barWidth) / 2;
  const color = (s: number) => SERIES_COLORS[s % SERIES_COLORS.length];

  return (
    <ChartFigure
      frame={frame}
      formatValue={formatValue}
      summary={summary}
      categories={data.map((d) => d.label)}
      categoryX={(i) => barX(i) + barWidth / 2}
      series={series.map((key, s) => ({ key, label: seriesLabel(key), color: color(s) }))}
      swatchClassName="size-2.5 rounded-sm"
      value={(i, key) => data[i].values[key] ?? 0}
    >
      {data.map((datum, i) => {
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
                  x={barX(i)}
                  width={barWidth}
                  y={y(top)}
                  height={Math.max(0.5, y(base) - y(top))}
                  fill={color(s)}
                  rx={s === series.length - 1 ? 2 : 0}
                >
                  <title>{`${datum.label} · ${seriesLabel(key)}: ${formatValue(value)}`}</title>
                </rect>
              );
              base = top;
              return rect;
            })}
          </g>
        );
      })}
    </ChartFigure>
  );
}
