'use client';

export interface Fix {
  lat: number;
  lng: number;
  accuracyM: number;
  /**
   * When the worker asked (pressed check in or out): the EVV call's device time. Not the fix's own
   * time, which for a position the phone already had (maximumAge) is up to 30 s earlier.
   */
  capturedAt: string;
}

export type LocateError = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** One position from the device (asked only when the worker presses check in or check out). */
export function locate(): Promise<Fix> {
  const askedAt = new Date().toISOString();
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) return reject('unsupported' as LocateError);
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracyM: Math.max(0, Math.round(position.coords.accuracy ?? 0)),
          capturedAt: askedAt,
        }),
      (error) => reject((error.code === 1 ? 'denied' : error.code === 3 ? 'timeout' : 'unavailable') as LocateError),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  });
}
