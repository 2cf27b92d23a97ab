import type { BadgeTone } from '@caretracker/ui/components';

/** A visit status's colour (its words always say it too). */
export function statusTone(status: string): BadgeTone {
  switch (status) {
    case 'IN_PROGRESS':
    case 'COMPLETED':
      return 'success';
    case 'CONFIRMED':
      return 'info';
    case 'CANCELLED':
    case 'NO_SHOW':
      return 'danger';
    default:
      return 'neutral';
  }
}
