import type { FieldIssue } from './errors';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be stored as text, or null when it can. PostgreSQL refuses NUL in text,
 * and an unpaired UTF-16 surrogate is not Unicode: it would be stored as U+FFFD, silently
 * changing what was written. Both are refused where input enters, never repaired.
 */
export function textDefect(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it contains an unpaired surrogate)';
  return null;
}

/**
 * The first string (value or object key) anywhere inside `value` that `textDefect` refuses, with
 * its dotted path under `root` (e.g. `body.goals.0.title`), or null when every string is sound.
 */
export function findTextDefect(value: unknown, root: string): FieldIssue | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: root }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string };
    if (typeof item.value === 'string') {
      const defect = textDefect(item.value);
      if (defect) return { field: item.path, message: defect };
    } else if (Array.isArray(item.value)) {
      // Pushed last to first, so the walk meets them in document order.
      for (let index = item.value.length - 1; index >= 0; index--) {
        stack.push({ value: item.value[index], path: `${item.path}.${index}` });
      }
    } else if (item.value !== null && typeof item.value === 'object') {
      const entries = Object.entries(item.value);
      for (const [key] of entries) {
        const keyDefect = textDefect(key);
        if (keyDefect) return { field: item.path, message: `has a field name that ${keyDefect}` };
      }
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, element] = entries[index] as [string, unknown];
        stack.push({ value: element, path: `${item.path}.${key}` });
      }
    }
  }
  return null;
}
