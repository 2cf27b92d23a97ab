'use client';

import { useTranslations } from 'next-intl';
import { type ReactNode, useMemo, useState } from 'react';
import { Checkbox as AriaCheckbox } from 'react-aria-components/Checkbox';
import {
  Table as AriaTable,
  Cell,
  Column,
  type Key,
  Row,
  type Selection,
  type SortDescriptor,
  TableBody,
  TableHeader,
} from 'react-aria-components/Table';
import { cx, groupFocusRing } from './class-names';

export type { Selection, SortDescriptor };

export interface TableColumn<T> {
  id: string;
  label: string;
  /** What the cell shows; defaults to the value of `sortValue` (or the row's field of the same id). */
  render?: (row: T) => ReactNode;
  /** The value sorted by; a column without it cannot be sorted. */
  sortValue?: (row: T) => string | number | null;
  /** The row's name for screen readers (one column should be; defaults to the first). */
  isRowHeader?: boolean;
  align?: 'start' | 'end';
}

export interface DataTableProps<T extends { id: Key }> {
  /** The table's accessible name (a caption for screen readers). */
  label: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  /** Uncontrolled sort to start with. Rows are sorted here unless `onSortChange` is given (server sorting). */
  defaultSort?: SortDescriptor;
  sortDescriptor?: SortDescriptor;
  onSortChange?: (sort: SortDescriptor) => void;
  selectionMode?: 'none' | 'single' | 'multiple';
  selectedKeys?: Selection;
  onSelectionChange?: (keys: Selection) => void;
  onRowAction?: (key: Key) => void;
  /** Shown in the body when there are no rows (an EmptyState that says what to do next). */
  empty?: ReactNode;
  className?: string;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

const selectBox = 'group flex min-h-11 min-w-11 cursor-pointer items-center justify-center';
const selectMark =
  'flex size-6 items-center justify-center rounded-sm border-2 border-border bg-surface text-brand-ink ' +
  'group-data-[selected]:border-brand group-data-[selected]:bg-brand group-data-[indeterminate]:bg-brand ' +
  groupFocusRing;

function SelectCheckbox({ label }: { label?: string }) {
  return (
    <AriaCheckbox slot="selection" aria-label={label} className={selectBox}>
      {({ isSelected, isIndeterminate }) => (
        <span aria-hidden="true" className={selectMark}>
          {isIndeterminate ? '–' : isSelected ? '✓' : ''}
        </span>
      )}
    </AriaCheckbox>
  );
}

/**
 * A data table (react-aria-components Table): arrow-key navigation between cells, sortable columns
 * announced with aria-sort, and row selection with checkboxes. It scrolls sideways inside its own
 * frame on narrow screens, so the page itself never does.
 */
export function DataTable<T extends { id: Key }>({
  label,
  columns,
  rows,
  defaultSort,
  sortDescriptor,
  onSortChange,
  selectionMode = 'none',
  selectedKeys,
  onSelectionChange,
  onRowAction,
  empty,
  className,
}: DataTableProps<T>) {
  const t = useTranslations('components');
  const [localSort, setLocalSort] = useState<SortDescriptor | undefined>(defaultSort);
  const sort = sortDescriptor ?? localSort;
  const sorted = useMemo(() => {
    if (onSortChange || !sort) return rows;
    const column = columns.find((c) => c.id === sort.column);
    if (!column?.sortValue) return rows;
    const value = column.sortValue;
    const factor = sort.direction === 'descending' ? -1 : 1;
    return [...rows].sort((a, b) => factor * compare(value(a), value(b)));
  }, [rows, columns, sort, onSortChange]);
  const rowHeader = columns.find((c) => c.isRowHeader)?.id ?? columns[0]?.id;
  const selectable = selectionMode !== 'none';

  return (
    <div className={cx('w-full overflow-x-auto rounded-card border border-border-subtle bg-surface', className)}>
      <AriaTable
        aria-label={label}
        sortDescriptor={sort}
        onSortChange={(next) => (onSortChange ? onSortChange(next) : setLocalSort(next))}
        selectionMode={selectionMode}
        selectionBehavior="toggle"
        selectedKeys={selectedKeys}
        onSelectionChange={onSelectionChange}
        onRowAction={onRowAction}
        className="w-full border-collapse text-left text-ink"
      >
        <TableHeader className="border-border-subtle border-b bg-canvas">
          {selectable && (
            <Column className="w-12 px-2">
              {selectionMode === 'multiple' ? <SelectCheckbox label={t('selectAll')} /> : null}
            </Column>
          )}
          {columns.map((column) => (
            <Column
              key={column.id}
              id={column.id}
              isRowHeader={column.id === rowHeader}
              allowsSorting={Boolean(column.sortValue)}
              className={cx(
                'group px-3 py-2 font-semibold text-ink outline-none',
                column.sortValue && 'cursor-pointer',
                column.align === 'end' && 'text-right',
              )}
            >
              {({ allowsSorting, sortDirection }) => (
                <span className="inline-flex min-h-11 items-center gap-1">
                  {column.label}
                  {allowsSorting && (
                    <span aria-hidden="true" className="text-ink-muted">
                      {sortDirection === 'ascending' ? '▲' : sortDirection === 'descending' ? '▼' : '↕'}
                    </span>
                  )}
                </span>
              )}
            </Column>
          ))}
        </TableHeader>
        <TableBody items={sorted} renderEmptyState={() => <div className="p-4">{empty ?? t('noRows')}</div>}>
          {(row) => (
            <Row
              id={row.id}
              className={cx(
                'border-border-subtle border-b outline-none last:border-b-0 data-[selected]:bg-brand-soft',
                onRowAction && 'cursor-pointer data-[hovered]:bg-canvas',
              )}
            >
              {selectable && (
                <Cell className="px-2">
                  <SelectCheckbox />
                </Cell>
              )}
              {columns.map((column) => (
                <Cell key={column.id} className={cx('px-3 py-2', column.align === 'end' && 'text-right tabular-nums')}>
                  {column.render
                    ? column.render(row)
                    : String(column.sortValue?.(row) ?? (row as Record<string, unknown>)[column.id] ?? '')}
                </Cell>
              ))}
            </Row>
          )}
        </TableBody>
      </AriaTable>
    </div>
  );
}
