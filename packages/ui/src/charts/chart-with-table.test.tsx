import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { ChartWithTable } from './chart-with-table';

afterEach(cleanup);

describe('ChartWithTable', () => {
  it('pairs the chart with a table of the same numbers, formatted the same way', () => {
    renderWithProviders(
      <ChartWithTable
        title="Visits per week"
        description="Completed and missed visits"
        categoryLabel="Week"
        rows={[
          { label: 'Nov 3', completed: 41, missed: 2 },
          { label: 'Nov 10', completed: 38, missed: null },
        ]}
        series={[
          { key: 'completed', label: 'Completed' },
          { key: 'missed', label: 'Missed' },
        ]}
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
});
