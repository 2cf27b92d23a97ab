'use client';

import type { Option } from '@caretracker/ui/components';
import { useMemo, useState } from 'react';
import { usePerson, useUsers } from '@/lib/office-api';
import { useDebounced } from '@/lib/use-debounced';
import { fullName } from '@/lib/vocabulary';
import { LazyComboBox } from './lazy';

/** How many matches the list shows at once: typing more narrows it. */
const MATCHES = 20;

export interface PersonPickerProps {
  label: string;
  /** The first option, meaning no one in particular ("Anyone"). */
  anyone: string;
  /** The chosen person's id, '' for anyone. */
  value: string;
  onChange: (id: string) => void;
  /** Only people of this role (default: anyone in the agency). */
  kind?: 'WORKER' | 'CLIENT';
  activeOnly?: boolean;
}

/**
 * A list filter's person, found among everyone in the agency and not only a first page: the
 * options are the server's matches for what is typed (GET /users?search=, once typing pauses),
 * "Anyone" first; the chosen person (also when they came with the address) keeps their name.
 */
export function PersonPicker({ label, anyone, value, onChange, kind, activeOnly }: PersonPickerProps) {
  const [typed, setTyped] = useState('');
  const chosen = usePerson(value, Boolean(value));
  const chosenName = value ? (chosen.data ? fullName(chosen.data) : undefined) : anyone;
  // The field showing the chosen name is no search: the list then offers everyone again.
  const search = useDebounced(typed.trim() === chosenName ? '' : typed.trim(), 300);
  const matches = useUsers({
    role: kind,
    isActive: activeOnly ? 'true' : undefined,
    search: search || undefined,
    limit: MATCHES,
  });
  const items: Option[] = useMemo(() => {
    const found = (matches.data ?? []).map((user) => ({ id: user.id, label: fullName(user) }));
    const keep = value && chosenName && !found.some((option) => option.id === value);
    return [{ id: '', label: anyone }, ...(keep ? [{ id: value, label: chosenName }] : []), ...found];
  }, [matches.data, value, chosenName, anyone]);
  return (
    <LazyComboBox
      label={label}
      items={items}
      selectedKey={value}
      onInputChange={setTyped}
      onSelectionChange={(key) => onChange(key === null ? '' : String(key))}
      className="min-w-0"
    />
  );
}
