'use client';

import { useTranslations } from 'next-intl';
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
import { DataTable, type TableColumn } from '../components/table';

export interface ChartSeries {
  /** The field of each row that holds this series' numbers. */
  key: string;
  label: string;
}

export interface ChartRow {
  /** The category or date on the x axis (already in the user's language and zone). */
  label: string;
  [series: string]: string | number | null;
}

export interface ChartWithTableProps {
  title: string;
  /** One sentence saying what the chart shows; read before the table. */
  description?: string;
  kind?: 'bar' | 'line';
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  /** The x axis's name (the first column of the table). */
  categoryLabel: string;
  /** Formats every number in the chart and the table the same way (money, percent…). */
  formatValue?: (value: number) => string;
  height?: number;
}

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

/**
 * A chart (Recharts, SVG) and, under it, a table of the same numbers: the table is what screen
 * readers and keyboard users read (the drawing is hidden from them), and what anyone can copy.
 * Import from `@caretracker/ui/charts`, so only routes with charts load Recharts.
 */
export function ChartWithTable({
  title,
  description,
  kind = 'bar',
  rows,
  series,
  categoryLabel,
  formatValue = (value) => String(value),
  height = 280,
}: ChartWithTableProps) {
  const t = useTranslations('components');
  const prefix = useId().replaceAll(':', '');
  const format = (value: unknown) => (typeof value === 'number' ? formatValue(value) : '–');
  const columns: TableColumn<ChartRow & { id: string }>[] = [
    { id: 'label', label: categoryLabel, isRowHeader: true, render: (row) => row.label },
    ...series.map((s) => ({
      id: s.key,
      label: s.label,
      align: 'end' as const,
      sortValue: (row: ChartRow) => (typeof row[s.key] === 'number' ? (row[s.key] as number) : null),
      render: (row: ChartRow) => format(row[s.key]),
    })),
  ];
  const axis = { stroke: 'var(--color-ink-muted)', tick: { fill: 'var(--color-ink)' } };
  const chartRows = rows as ChartRow[];

  return (
    <figure className="flex flex-col gap-4">
      <figcaption>
        <span className="font-bold text-ink text-xl">{title}</span>
        {description && <span className="mt-1 block text-ink-muted">{description}</span>}
      </figcaption>
      {/* Hidden from assistive technology and out of the tab order: the table below is its accessible form. */}
      <div aria-hidden="true" style={{ height }} className="w-full min-w-0">
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
      </div>
      <DataTable
        label={t('chartTable')}
        columns={columns}
        rows={rows.map((row, index) => ({ ...row, id: `${index}` }))}
      />
    </figure>
  );
}
