/** Joins the truthy class names: enough for our components, no dependency needed. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

// A field's box: min-h-11 = 44 px touch target; the border darkens on hover, turns red when invalid.
const CONTROL_FRAME =
  'min-h-11 w-full rounded-control border-2 border-border bg-surface text-base text-ink ' +
  'data-[hovered]:border-ink data-[invalid]:border-danger data-[disabled]:cursor-not-allowed data-[disabled]:opacity-70';

/** The label, hint and error text every field shares, so forms read the same everywhere. */
export const fieldStyles = {
  root: 'flex flex-col gap-1',
  label: 'font-semibold text-ink',
  hint: 'text-ink-muted text-sm',
  error: 'font-medium text-danger text-sm',
  // The frame without its padding is for a control holding a button of its own (the date picker): a class
  // cannot take back another's padding (`py-0` beside `py-2` loses in the CSS).
  controlFrame: CONTROL_FRAME,
  control: `${CONTROL_FRAME} px-3 py-2`,
} as const;

/**
 * The theme's two-tone focus ring for a part that stands in for a visually hidden input (the box of
 * a checkbox, the track of a switch): shown while the group has keyboard focus.
 */
export const groupFocusRing =
  'group-data-[focus-visible]:outline-3 group-data-[focus-visible]:outline-focus group-data-[focus-visible]:outline-offset-2 ' +
  'group-data-[focus-visible]:shadow-[0_0_0_6px_var(--color-focus-halo)]';

// Each choice is a 44 px row: the whole label is the target, not just the box.
export const choiceRow =
  'group flex min-h-11 cursor-pointer items-center gap-3 text-ink data-[disabled]:cursor-not-allowed data-[disabled]:opacity-70';
export const choiceBox =
  'flex size-6 shrink-0 items-center justify-center border-2 border-border bg-surface ' +
  'group-data-[selected]:border-brand group-data-[selected]:bg-brand group-data-[invalid]:border-danger ' +
  groupFocusRing;
