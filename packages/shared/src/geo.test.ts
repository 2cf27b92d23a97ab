import { describe, expect, it } from 'vitest';
import { distanceMeters } from './geo';

describe('geofence distance', () => {
  it('is zero for the same point and symmetric', () => {
    const home = { lat: 45.5171, lng: -122.6535 };
    expect(distanceMeters(home, home)).toBe(0);
    const other = { lat: 45.5182, lng: -122.6521 };
    expect(distanceMeters(home, other)).toBeCloseTo(distanceMeters(other, home), 9);
  });

  it('matches known distances', () => {
    // One thousandth of a degree of latitude is about 111.2 m anywhere.
    expect(distanceMeters({ lat: 45, lng: -122 }, { lat: 45.001, lng: -122 })).toBeCloseTo(111.2, 0);
    // Portland to Seattle, about 233.5 km great-circle.
    const km = distanceMeters({ lat: 45.5152, lng: -122.6784 }, { lat: 47.6062, lng: -122.3321 }) / 1000;
    expect(km).toBeGreaterThan(232);
    expect(km).toBeLessThan(235);
  });

  it('tells 140 m (inside a 150 m fence) from 160 m (outside)', () => {
    const home = { lat: 45.5, lng: -122.6 };
    const metersPerDegreeLat = 111_195;
    expect(distanceMeters(home, { lat: 45.5 + 140 / metersPerDegreeLat, lng: -122.6 })).toBeLessThan(150);
    expect(distanceMeters(home, { lat: 45.5 + 160 / metersPerDegreeLat, lng: -122.6 })).toBeGreaterThan(150);
  });

  it('handles the antimeridian', () => {
    expect(distanceMeters({ lat: 0, lng: 179.9995 }, { lat: 0, lng: -179.9995 })).toBeCloseTo(111.2, 0);
  });
});
