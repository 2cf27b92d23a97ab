'use client';

import { useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartRow, ChartSeries } from './chart-with-table';

// The theme's chart colours: each at least 3:1 against white (WCAG 1.4.11) and told apart by
// pattern (bars) or dash and marker (lines) as well, so colour never carries the meaning alone.
const COLOURS = [
  'var(--color-chart-1)',
  'var(--color-chart-2)',
  'var(--color-chart-3)',
  'var(--color-chart-4)',
  'var(--color-chart-5)',
];
const DASHES = ['0', '6 3', '2 3', '10 4 2 4', '1 5'];
const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross'] as const;

function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      {COLOURS.map((colour, index) => (
        <pattern key={colour} id={`${prefix}-${index}`} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill={colour} />
          {index === 1 && <path d="M0 8L8 0" stroke="#fff" strokeWidth="2" />}
          {index === 2 && <circle cx="4" cy="4" r="1.5" fill="#fff" />}
          {index === 3 && <path d="M0 4H8" stroke="#fff" strokeWidth="2" />}
          {index === 4 && <path d="M4 0V8" stroke="#fff" strokeWidth="2" />}
        </pattern>
      ))}
    </defs>
  );
}

export interface ChartDrawingProps {
  kind: 'bar' | 'line';
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  formatValue: (value: number) => string;
}

/** The Recharts drawing of a ChartWithTable: its own chunk, loaded once the chart nears the screen. */
export default function ChartDrawing({ kind, rows, series, formatValue }: ChartDrawingProps) {
  const prefix = useId().replaceAll(':', '');
  const format = (value: unknown) => (typeof value === 'number' ? formatValue(value) : '–');
  const axis = { stroke: 'var(--color-ink-muted)', tick: { fill: 'var(--color-ink)' } };
  const chartRows = rows as ChartRow[];
  return (
    <ResponsiveContainer width="100%" height="100%">
      {kind === 'bar' ? (
        <BarChart data={chartRows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <Patterns prefix={prefix} />
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border-subtle)" />
          <XAxis dataKey="label" {...axis} />
          <YAxis tickFormatter={formatValue} {...axis} width={72} />
          <Tooltip formatter={(value) => format(value)} />
          <Legend />
          {series.map((s, index) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={`url(#${prefix}-${index % COLOURS.length})`}
              stroke={COLOURS[index % COLOURS.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      ) : (
        <LineChart data={chartRows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border-subtle)" />
          <XAxis dataKey="label" {...axis} />
          <YAxis tickFormatter={formatValue} {...axis} width={72} />
          <Tooltip formatter={(value) => format(value)} />
          <Legend />
          {series.map((s, index) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              type="monotone"
              stroke={COLOURS[index % COLOURS.length]}
              strokeWidth={3}
              strokeDasharray={DASHES[index % DASHES.length]}
              dot={{ r: 5, strokeWidth: 2 }}
              legendType={SHAPES[index % SHAPES.length]}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}
