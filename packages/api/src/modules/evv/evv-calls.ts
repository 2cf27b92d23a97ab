import type { Executor } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { distanceMeters, type EvvCallView, type EvvStateView, type LatLng } from '@caretracker/shared';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config/config';
import type { EvvExceptionView, PendingException } from './exceptions';
import type { VisitRow } from './visit-guard';

const { profiles } = schema;

/** Where the visit happens: its own coordinates, else the client's home; null when neither is known. */
export async function visitPlace(tx: Executor, visit: VisitRow): Promise<LatLng | null> {
  if (visit.locationLat !== null && visit.locationLng !== null) {
    return { lat: visit.locationLat, lng: visit.locationLng };
  }
  const [home] = await tx
    .select({ lat: profiles.homeLat, lng: profiles.homeLng })
    .from(profiles)
    .where(eq(profiles.userId, visit.clientId));
  return home?.lat != null && home.lng != null ? { lat: home.lat, lng: home.lng } : null;
}

export interface DevicePosition {
  lat: number;
  lng: number;
  accuracyM: number;
}

/** Distance rounded to 0.1 m: finer than any phone's GPS, and stable in answers and tests. */
export function distanceTo(place: LatLng | null, device: DevicePosition): number | null {
  return place ? Math.round(distanceMeters(place, device) * 10) / 10 : null;
}

/**
 * Outside the fence, or unverifiable because the client has no known home coordinates (treated
 * as outside, with `reason: 'NO_HOME_COORDINATES'`, so a supervisor still has to look at it).
 */
export function geofenceException(
  type: 'CHECKIN_OUTSIDE_GEOFENCE' | 'CHECKOUT_OUTSIDE_GEOFENCE',
  distanceM: number | null,
  device: DevicePosition,
  geofenceMeters: number,
): PendingException | null {
  const position = { lat: device.lat, lng: device.lng, accuracyM: device.accuracyM, geofenceMeters };
  if (distanceM === null) return { type, detail: { reason: 'NO_HOME_COORDINATES', distanceMeters: null, ...position } };
  if (distanceM <= geofenceMeters) return null;
  return { type, detail: { reason: 'OUTSIDE_GEOFENCE', distanceMeters: distanceM, ...position } };
}

/** Early or late by more than the tolerance, measured on the server's clock. */
export function timingException(
  call: 'CHECKIN' | 'CHECKOUT',
  at: Date,
  scheduled: Date,
  toleranceMinutes: number,
  deviceAt: Date | null,
): PendingException | null {
  const minutes = (at.getTime() - scheduled.getTime()) / 60_000;
  if (Math.abs(minutes) <= toleranceMinutes) return null;
  const detail = {
    scheduledAt: scheduled.toISOString(),
    at: at.toISOString(),
    deviceAt: deviceAt?.toISOString() ?? null,
    toleranceMinutes,
  };
  return minutes > 0
    ? { type: `LATE_${call}`, detail: { ...detail, minutesLate: Math.round(minutes) } }
    : { type: `EARLY_${call}`, detail: { ...detail, minutesEarly: Math.round(-minutes) } };
}

function callView(
  at: Date | null,
  deviceAt: Date | null,
  lat: number | null,
  lng: number | null,
  accuracyM: number | null,
  distanceM: number | null,
): EvvCallView | null {
  if (!at || lat === null || lng === null || accuracyM === null) return null;
  return { at: at.toISOString(), deviceAt: deviceAt?.toISOString() ?? null, lat, lng, accuracyM, distanceM };
}

export function evvState(visit: VisitRow, raised: EvvExceptionView[], config: Config): EvvStateView {
  return {
    visitId: visit.id,
    status: visit.status,
    scheduledStart: visit.scheduledStart.toISOString(),
    scheduledEnd: visit.scheduledEnd.toISOString(),
    actualStart: visit.actualStart?.toISOString() ?? null,
    actualEnd: visit.actualEnd?.toISOString() ?? null,
    checkIn: callView(
      visit.checkInAt,
      visit.checkInDeviceAt,
      visit.checkInLat,
      visit.checkInLng,
      visit.checkInAccuracyM,
      visit.checkInDistanceM,
    ),
    checkOut: callView(
      visit.checkOutAt,
      visit.checkOutDeviceAt,
      visit.checkOutLat,
      visit.checkOutLng,
      visit.checkOutAccuracyM,
      visit.checkOutDistanceM,
    ),
    geofenceMeters: config.EVV_GEOFENCE_METERS,
    toleranceMinutes: config.EVV_TOLERANCE_MINUTES,
    exceptionsRaised: raised,
  };
}
