/**
 * Markers ts_headline puts around matched words. Control characters: never typed into notes, and
 * stripped from the source text before highlighting, so a marker always means a match.
 */
export const MARK_START = '\u0001';
export const MARK_STOP = '\u0002';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Escapes everything, then turns the markers into `<mark>` tags. */
export function markedHtml(headline: string): string {
  return escapeHtml(headline).replaceAll(MARK_START, '<mark>').replaceAll(MARK_STOP, '</mark>');
}

/** A name with each case-insensitive occurrence of the search text marked. */
export function markSubstring(text: string, needle: string): string {
  const lower = text.toLowerCase();
  const target = needle.toLowerCase();
  if (!target) return escapeHtml(text);
  let html = '';
  let from = 0;
  for (let found = lower.indexOf(target); found !== -1; found = lower.indexOf(target, from)) {
    html += `${escapeHtml(text.slice(from, found))}<mark>${escapeHtml(text.slice(found, found + target.length))}</mark>`;
    from = found + target.length;
  }
  return html + escapeHtml(text.slice(from));
}
