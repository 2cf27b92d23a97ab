import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { ChartWithTable } from './chart-with-table';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ROWS = [
  { label: 'Nov 3', completed: 41, missed: 2 },
  { label: 'Nov 10', completed: 38, missed: null },
];
const SERIES = [
  { key: 'completed', label: 'Completed' },
  { key: 'missed', label: 'Missed' },
];

describe('ChartWithTable', () => {
  it('pairs the chart with a table of the same numbers, formatted the same way', () => {
    renderWithProviders(
      <ChartWithTable
        title="Visits per week"
        description="Completed and missed visits"
        categoryLabel="Week"
        rows={ROWS}
        series={SERIES}
        formatValue={(value) => `${value} visits`}
      />,
    );
    expect(within(screen.getByRole('figure')).getByText('Visits per week')).toBeTruthy();
    const table = screen.getByRole('grid', { name: 'The numbers of this chart' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('WeekCompleted'),
      'Nov 341 visits2 visits',
      'Nov 1038 visits–',
    ]);
  });

  it('draws the chart only once it comes near the screen; the table is there from the start', async () => {
    // jsdom has no layout: a minimal IntersectionObserver that the test tells when the chart is near.
    let report: ((entries: Array<{ isIntersecting: boolean }>) => void) | undefined;
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(callback: typeof report) {
          report = callback;
        }
        observe() {}
        disconnect() {}
      },
    );
    const { container } = renderWithProviders(
      <ChartWithTable title="Visits per week" categoryLabel="Week" rows={ROWS} series={SERIES} />,
    );
    expect(screen.getByRole('grid', { name: 'The numbers of this chart' })).toBeTruthy();
    expect(container.querySelector('.recharts-responsive-container')).toBeNull();
    act(() => report?.([{ isIntersecting: true }]));
    await waitFor(() => expect(container.querySelector('.recharts-responsive-container')).not.toBeNull());
  });
});
