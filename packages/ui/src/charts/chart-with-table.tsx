'use client';

import { useTranslations } from 'next-intl';
import { lazy, Suspense } from 'react';
import { DataTable, type TableColumn } from '../components/table';
import { useNearViewport } from './use-near-viewport';

// Recharts is most of a chart's JavaScript: fetched only when the chart comes near the screen, so a
// chart below the fold costs the first paint nothing. The table needs none of it and shows at once.
const ChartDrawing = lazy(() => import('./chart-drawing'));

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

/**
 * A chart (Recharts, SVG) and, under it, a table of the same numbers: the table is what screen
 * readers and keyboard users read (the drawing is hidden from them), and what anyone can copy.
 * Import from `@caretracker/ui/charts`; Recharts itself loads only when the chart nears the screen.
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
  const [drawingRef, near] = useNearViewport<HTMLDivElement>();
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

  return (
    <figure className="flex flex-col gap-4">
      <figcaption>
        <span className="font-bold text-ink text-xl">{title}</span>
        {description && <span className="mt-1 block text-ink-muted">{description}</span>}
      </figcaption>
      {/* Hidden from assistive technology and out of the tab order: the table below is its accessible form. */}
      <div ref={drawingRef} aria-hidden="true" style={{ height }} className="w-full min-w-0">
        {near && (
          <Suspense fallback={null}>
            <ChartDrawing kind={kind} rows={rows} series={series} formatValue={formatValue} />
          </Suspense>
        )}
      </div>
      <DataTable
        label={t('chartTable')}
        columns={columns}
        rows={rows.map((row, index) => ({ ...row, id: `${index}` }))}
      />
    </figure>
  );
}
