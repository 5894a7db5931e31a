import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  readonly label: string;
  /** One value per day, aligned with `days`. */
  readonly values: readonly number[];
}

const PALETTE = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6'];

/**
 * One value per UTC day per series, as lines with points (uPlot: small, canvas, fast with long
 * ranges). Colours come from the theme's CSS variables, so light and dark both read well.
 */
export function DayChart({ title, days, series, format }: { title: string; days: readonly string[]; series: readonly ChartSeries[]; format: (value: number) => string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (element === null || days.length === 0) return;
    const style = getComputedStyle(document.documentElement);
    const color = (index: number) => style.getPropertyValue(PALETTE[index % PALETTE.length]!).trim() || '#2356c7';
    const axisColor = style.getPropertyValue('--muted').trim();
    const gridColor = style.getPropertyValue('--border').trim();
    const x = days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
    const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } };
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 240,
        tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        axes: [axis, { ...axis, size: 70, values: (_u, values) => values.map((value) => format(value)) }],
        series: [
          { label: 'Day', value: (_u, value) => (value == null ? '—' : new Date(value * 1000).toISOString().slice(0, 10)) },
          ...series.map((line, index) => ({
            label: line.label,
            stroke: color(index),
            fill: `${color(index)}22`,
            width: 2,
            points: { show: true, size: 6 },
            value: (_u: uPlot, value: number | null) => (value == null ? '—' : format(value)),
          })),
        ],
      },
      [x, ...series.map((line) => [...line.values])],
      element,
    );
    const resize = () => plot.setSize({ width: Math.max(320, element.clientWidth), height: 240 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [days, series, format]);
  return (
    <figure class="card chart" aria-label={title}>
      <figcaption class="small muted">{title}</figcaption>
      <div ref={host} role="img" aria-label={`${title}: chart of ${series.length} series over ${days.length} days; the table below has the figures`} />
    </figure>
  );
}
