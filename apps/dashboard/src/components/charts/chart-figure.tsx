'use client';

import { useId, type ReactNode, type RefObject } from 'react';
import { niceScale } from './scale';
import { useWidth } from './use-width';
import { ValueAxis } from './value-axis';

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

type Padding = { top: number; right: number; bottom: number; left: number };

/** A chart's drawing area at its rendered width, with the value scale both charts draw against. */
export interface ChartFrame {
  /** The element whose width the chart is drawn at. */
  ref: RefObject<HTMLDivElement | null>;
  width: number;
  height: number;
  pad: Padding;
  /** The width between the paddings, for the category positions. */
  plotWidth: number;
  ticks: number[];
  /** Where a value sits, from the plot's bottom (0) to its top (the scale's round maximum). */
  y: (value: number) => number;
}

export function useChartFrame(
  height: number,
  pad: Padding,
  max: number,
  scaleOptions?: Parameters<typeof niceScale>[1],
): ChartFrame {
  const [ref, width] = useWidth<HTMLDivElement>();
  const scale = niceScale(max, scaleOptions);
  const plotHeight = height - pad.top - pad.bottom;
  return {
    ref,
    width,
    height,
    pad,
    plotWidth: width - pad.left - pad.right,
    ticks: scale.ticks,
    y: (value) => pad.top + plotHeight - (value / scale.max) * plotHeight,
  };
}

/**
 * What the line and the bar charts share around their marks: the SVG with its text summary, the value axis, the
 * category labels (at most ten), the legend, and the equivalent table screen readers can read.
 */
export function ChartFigure({
  frame,
  formatValue,
  summary,
  categories,
  categoryX,
  series,
  swatchClassName,
  value,
  children,
}: {
  frame: ChartFrame;
  formatValue: (value: number) => string;
  summary: string;
  categories: string[];
  /** Where a category's label is centred. */
  categoryX: (index: number) => number;
  series: ChartSeries[];
  /** The legend swatch's shape (its colour is the series'). */
  swatchClassName: string;
  /** A series' value in a category, for the table. */
  value: (category: number, key: string) => number;
  /** The marks. */
  children: ReactNode;
}) {
  const tableId = useId();
  const { ref, width, height, pad, ticks, y } = frame;
  const labelEvery = Math.ceil(categories.length / 10);

  return (
    <figure className="grid gap-3">
      <div ref={ref} className="w-full">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={summary}
          aria-describedby={tableId}
          className="h-auto w-full"
        >
          <ValueAxis
            ticks={ticks}
            y={y}
            left={pad.left}
            right={width - pad.right}
            formatValue={formatValue}
          />
          {categories.map((category, i) =>
            i % labelEvery === 0 ? (
              <text
                key={category}
                x={categoryX(i)}
                y={height - 8}
                textAnchor="middle"
                className="fill-muted-foreground text-[11px]"
              >
                {category}
              </text>
            ) : null,
          )}
          {children}
        </svg>
      </div>
      {series.length > 0 && (
        <figcaption>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label="Legend">
            {series.map((s) => (
              <li key={s.key} className="flex items-center gap-1.5">
                <span aria-hidden className={swatchClassName} style={{ background: s.color }} />
                {s.label}
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
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((category, i) => (
            <tr key={category}>
              <th scope="row">{category}</th>
              {series.map((s) => (
                <td key={s.key}>{formatValue(value(i, s.key))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
