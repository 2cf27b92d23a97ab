import { parseZonedDateTime } from '@internationalized/date';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { DatePicker } from './date-picker';
import { AlertDialog } from './dialog';
import { DataTable } from './table';

afterEach(cleanup);

const rows = [
  { id: 'a', name: 'Dorothy Chen', visits: 12 },
  { id: 'b', name: 'Arthur Bell', visits: 30 },
  { id: 'c', name: 'Frank Delgado', visits: 4 },
];
const names = () =>
  within(screen.getByRole('grid'))
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent);

describe('DataTable', () => {
  it('sorts by a column on click (aria-sort follows) and selects rows with their checkboxes', async () => {
    const user = userEvent.setup();
    let selected: unknown = null;
    renderWithProviders(
      <DataTable
        label="Clients"
        rows={rows}
        selectionMode="multiple"
        onSelectionChange={(keys) => {
          selected = keys;
        }}
        columns={[
          { id: 'name', label: 'Name', sortValue: (row) => row.name, isRowHeader: true },
          { id: 'visits', label: 'Visits', sortValue: (row) => row.visits, align: 'end' },
        ]}
      />,
    );
    expect(names()).toEqual(['Dorothy Chen', 'Arthur Bell', 'Frank Delgado']);
    const visits = screen.getByRole('columnheader', { name: /Visits/ });
    await user.click(visits);
    expect(visits.getAttribute('aria-sort')).toBe('ascending');
    expect(names()).toEqual(['Frank Delgado', 'Dorothy Chen', 'Arthur Bell']);
    await user.click(visits);
    expect(names()).toEqual(['Arthur Bell', 'Dorothy Chen', 'Frank Delgado']);

    const checkboxes = within(screen.getByRole('grid')).getAllByRole('checkbox');
    await user.click(checkboxes[1] as HTMLElement);
    expect([...(selected as Set<string>)]).toEqual(['b']);
  });
});

function Confirm({ onConfirm }: { onConfirm: () => void }) {
  const [open, setOpen] = useState(true);
  return (
    <AlertDialog
      title="Cancel this visit?"
      isOpen={open}
      onOpenChange={setOpen}
      confirmLabel="Cancel the visit"
      cancelLabel="Keep it"
      tone="danger"
      onConfirm={onConfirm}
    >
      The client and the worker are told.
    </AlertDialog>
  );
}

describe('AlertDialog', () => {
  it('is an alertdialog named by its title, focus on the safe choice, closed by it', async () => {
    const user = userEvent.setup();
    let confirmed = 0;
    renderWithProviders(<Confirm onConfirm={() => (confirmed += 1)} />);
    const dialog = screen.getByRole('alertdialog', { name: 'Cancel this visit?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep it' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(confirmed).toBe(0);
  });
});

describe('DatePicker', () => {
  it('shows and edits a zoned time as it is in that zone, naming the zone', () => {
    renderWithProviders(
      <DatePicker
        label="Visit starts"
        granularity="minute"
        defaultValue={parseZonedDateTime('2026-12-01T09:00[America/Los_Angeles]')}
      />,
    );
    const group = screen.getByRole('group', { name: 'Visit starts' });
    const text = group.textContent ?? '';
    expect(text).toContain('9');
    expect(text).toContain('00');
    expect(text).toMatch(/PST|GMT-8/);
  });
});
