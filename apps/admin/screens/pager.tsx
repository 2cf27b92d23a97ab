'use client';

import { Button } from '@caretracker/ui/components';

/** Previous / "Page 2 of 5" / Next under a server-paged list; the words come from the list's own messages. */
export function Pager({
  label,
  page,
  totalPages,
  onPage,
  words,
  className = 'mt-3 flex flex-wrap items-center gap-2',
}: {
  label: string;
  page: number;
  totalPages: number;
  onPage: (page: number) => void;
  words: { previous: string; next: string; pageOf: string };
  className?: string;
}) {
  return (
    <nav aria-label={label} className={className}>
      <Button variant="secondary" isDisabled={page <= 1} onPress={() => onPage(page - 1)}>
        {words.previous}
      </Button>
      <span>{words.pageOf}</span>
      <Button variant="secondary" isDisabled={page >= totalPages} onPress={() => onPage(page + 1)}>
        {words.next}
      </Button>
    </nav>
  );
}
