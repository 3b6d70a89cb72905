/** A round upper bound for an axis (1, 2, 2.5 or 5 × 10ⁿ) and its evenly spaced ticks. */
export function niceScale(
  max: number,
  { tickCount = 4, integer = false }: { tickCount?: number; integer?: boolean } = {},
): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: 1, ticks: [0, 1] };
  // Counts never get half steps.
  const rough = integer ? Math.max(1, max / tickCount) : max / tickCount;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let value = 0; value <= top + step / 2; value += step) ticks.push(Number(value.toPrecision(12)));
  return { max: top, ticks };
}

/** Series colours, from the theme (light and dark each define their own). */
export const SERIES_COLORS = Array.from({ length: 8 }, (_, i) => `var(--chart-${i + 1})`);
