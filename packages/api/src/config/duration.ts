const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `1h`, `7d`, `30s`, `500ms` or a bare number of milliseconds; returns null when it cannot. */
export function parseDuration(value: string): number | null {
  const match = /^(\d+)\s*(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1);
}
