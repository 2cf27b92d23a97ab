import { ALLOWED_FILE_TYPES, type AllowedFileKind } from '@caretracker/shared';

const MAX_NAME_LENGTH = 150;
// Control and format characters (NUL, newlines, bidi overrides that disguise an extension).
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
const RESERVED = /[<>:"|?*]/g;

/**
 * A user's file name made safe to store and to echo in Content-Disposition: unicode-normalised
 * (NFKC, so look-alike slashes become slashes first), only the part after the last path
 * separator, no control or format characters, no leading dots, at most 150 characters with the
 * extension kept. Never used to build a path: storage keys are generated.
 */
export function sanitiseFileName(raw: string): string {
  let name = raw.normalize('NFKC').replace(INVISIBLE, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(RESERVED, '_').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = [...name.slice(0, name.length - extension.length)].slice(0, MAX_NAME_LENGTH - extension.length).join('');
    name = name.trimEnd() + extension;
  }
  return name || 'file';
}

/** The lowercase extension of a (sanitised) name, or null when it has none. */
export function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : null;
}

/** Whether the name's extension may carry the detected content type; a name without one gets the type's. */
export function nameForKind(name: string, kind: AllowedFileKind): string | null {
  const extensions: readonly string[] = ALLOWED_FILE_TYPES[kind].extensions;
  const extension = extensionOf(name);
  if (extension === null) return `${name}.${extensions[0]}`;
  return extensions.includes(extension) ? name : null;
}

/** `Content-Disposition` for a download: always an attachment, the name in RFC 5987 form plus an ASCII fallback. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
