/** Joins the truthy class names: enough for our components, no dependency needed. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
