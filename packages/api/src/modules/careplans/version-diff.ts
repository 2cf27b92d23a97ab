import type { CarePlanChange, CarePlanSnapshot } from '@caretracker/shared';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Plain fields compared as values; `id`, `clientId` and `version` say nothing about the change. */
const SCALAR_FIELDS = [
  'title',
  'status',
  'specialInstructions',
  'emergencyProtocol',
  'safetyNotes',
  'startsOn',
  'endsOn',
  'nextReviewOn',
  'approvedBy',
  'approvedAt',
  'statusReason',
] as const satisfies ReadonlyArray<keyof CarePlanSnapshot>;

/** Lists of values, compared as sets. */
const VALUE_LISTS = ['diagnosisCodes', 'requiredSkills'] as const satisfies ReadonlyArray<keyof CarePlanSnapshot>;

type Item = Record<string, unknown>;
/** Lists of records: matched by key, labelled for the reader. */
const RECORD_LISTS: ReadonlyArray<{ field: 'goals' | 'medications' | 'activities'; key: string; label: string }> = [
  { field: 'goals', key: 'id', label: 'description' },
  { field: 'medications', key: 'id', label: 'name' },
  { field: 'activities', key: 'code', label: 'name' },
];

const change = (values: Partial<CarePlanChange> & Pick<CarePlanChange, 'field' | 'kind'>): CarePlanChange => ({
  itemKey: null,
  itemLabel: null,
  property: null,
  before: null,
  after: null,
  ...values,
});

/** Field-level changes from one snapshot of a plan to another, in the plan's field order. */
export function diffSnapshots(before: CarePlanSnapshot, after: CarePlanSnapshot): CarePlanChange[] {
  const changes: CarePlanChange[] = [];
  for (const field of SCALAR_FIELDS) {
    if (!same(before[field], after[field])) {
      changes.push(change({ field, kind: 'CHANGED', before: before[field], after: after[field] }));
    }
  }
  for (const field of VALUE_LISTS) {
    const old = new Set(before[field]);
    const now = new Set(after[field]);
    for (const value of after[field]) {
      if (!old.has(value))
        changes.push(change({ field, kind: 'ADDED', itemKey: value, itemLabel: value, after: value }));
    }
    for (const value of before[field]) {
      if (!now.has(value)) {
        changes.push(change({ field, kind: 'REMOVED', itemKey: value, itemLabel: value, before: value }));
      }
    }
  }
  for (const { field, key, label } of RECORD_LISTS) {
    const oldItems = new Map((before[field] as Item[]).map((item) => [String(item[key]), item]));
    const newItems = new Map((after[field] as Item[]).map((item) => [String(item[key]), item]));
    for (const [itemKey, item] of newItems) {
      const previous = oldItems.get(itemKey);
      const itemLabel = String(item[label] ?? previous?.[label] ?? itemKey);
      if (!previous) {
        changes.push(change({ field, kind: 'ADDED', itemKey, itemLabel, after: item }));
        continue;
      }
      for (const property of new Set([...Object.keys(previous), ...Object.keys(item)])) {
        if (property === key || same(previous[property], item[property])) continue;
        changes.push(
          change({
            field,
            kind: 'CHANGED',
            itemKey,
            itemLabel,
            property,
            before: previous[property],
            after: item[property],
          }),
        );
      }
    }
    for (const [itemKey, item] of oldItems) {
      if (!newItems.has(itemKey)) {
        changes.push(
          change({ field, kind: 'REMOVED', itemKey, itemLabel: String(item[label] ?? itemKey), before: item }),
        );
      }
    }
  }
  return changes;
}
