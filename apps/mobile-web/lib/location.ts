'use client';

export interface Fix {
  lat: number;
  lng: number;
  accuracyM: number;
  capturedAt: string;
}

export type LocateError = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** One position from the device (asked only when the worker presses check in or check out). */
export function locate(): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) return reject('unsupported' as LocateError);
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracyM: Math.max(0, Math.round(position.coords.accuracy ?? 0)),
          capturedAt: new Date(position.timestamp || Date.now()).toISOString(),
        }),
      (error) => reject((error.code === 1 ? 'denied' : error.code === 3 ? 'timeout' : 'unavailable') as LocateError),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  });
}
