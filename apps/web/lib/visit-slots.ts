/** The times of day a client may ask for (the office then finds a worker): requests and changes alike. */
export const SLOTS = { morning: '09:00', midday: '12:00', afternoon: '15:00' } as const;
export type Slot = keyof typeof SLOTS;
