/** A seeded pseudo-random source (mulberry32), so every demo seed looks the same. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** A value near `mean`, spread evenly over ±`spread`, rounded to `decimals`. */
  around(mean: number, spread: number, decimals = 0): number {
    const factor = 10 ** decimals;
    return Math.round((mean + (this.next() * 2 - 1) * spread) * factor) / factor;
  }

  /** A point `meters` away from `origin` in a random direction. */
  offset(origin: { lat: number; lng: number }, meters: number): { lat: number; lng: number } {
    const bearing = this.next() * 2 * Math.PI;
    const dLat = (meters * Math.cos(bearing)) / 111_320;
    const dLng = (meters * Math.sin(bearing)) / (111_320 * Math.cos((origin.lat * Math.PI) / 180));
    return { lat: round6(origin.lat + dLat), lng: round6(origin.lng + dLng) };
  }
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Inserts rows in batches small enough for the 65,535 bind parameters a statement may carry. */
export async function insertInBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}
