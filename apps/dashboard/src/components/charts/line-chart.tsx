'use client';

import { useId } from 'react';
import { useWidth } from './use-width';
import { ValueAxis } from './value-axis';
import { niceScale } from './scale';

export interface LineSeries {
  key: string;
  label: string;
  color: string;
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
  const tableId = useId();
  const [ref, width] = useWidth<HTMLDivElement>();
  const scale = niceScale(Math.max(0, ...series.flatMap((s) => s.values)));
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left + (labels.length <= 1 ? plotWidth / 2 : (plotWidth * i) / (labels.length - 1));
  const y = (value: number) => PAD.top + plotHeight - (value / scale.max) * plotHeight;
  const labelEvery = Math.ceil(labels.length / 10);

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
          {labels.map((label, i) =>
            i % labelEvery === 0 ? (
              <text
                key={label}
                x={x(i)}
                y={HEIGHT - 8}
                textAnchor="middle"
                className="fill-muted-foreground text-[11px]"
              >
                {label}
              </text>
            ) : null,
          )}
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
        </svg>
      </div>
      <figcaption>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label="Legend">
          {series.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <span aria-hidden className="h-0.5 w-3 rounded" style={{ background: s.color }} />
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <table id={tableId} className="sr-only">
        <caption>{summary}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.key}>{formatValue(s.values[i] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
