'use client';

import { ChartFigure, useChartFrame, type ChartSeries } from './chart-figure';

export interface LineSeries extends ChartSeries {
  values: number[];
}

const HEIGHT = 200;
const PAD = { top: 12, right: 12, bottom: 28, left: 44 };

/** Lines over shared categories (days), in plain SVG with a text summary and an equivalent hidden table. */
export function LineChart({
  labels,
  series,
  summary,
  formatValue = String,
}: {
  labels: string[];
  series: LineSeries[];
  summary: string;
  formatValue?: (value: number) => string;
}) {
  const frame = useChartFrame(HEIGHT, PAD, Math.max(0, ...series.flatMap((s) => s.values)));
  const { plotWidth, y } = frame;
  const x = (i: number) =>
    PAD.left + (labels.length <= 1 ? plotWidth / 2 : (plotWidth * i) / (labels.length - 1));
  const byKey = new Map(series.map((s) => [s.key, s.values]));

  return (
    <ChartFigure
      frame={frame}
      formatValue={formatValue}
      summary={summary}
      categories={labels}
      categoryX={x}
      series={series}
      swatchClassName="h-0.5 w-3 rounded"
      value={(i, key) => byKey.get(key)?.[i] ?? 0}
    >
      {series.map((s) => (
        <g key={s.key}>
          <polyline
            fill="none"
            stroke={s.color}
            strokeWidth={2}
            strokeLinejoin="round"
            strokeLinecap="round"
            points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
          />
          {s.values.map((v, i) => (
            <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill={s.color}>
              <title>{`${labels[i]} · ${s.label}: ${formatValue(v)}`}</title>
            </circle>
          ))}
        </g>
      ))}
    </ChartFigure>
  );
}
