'use client';

// A short two-tone chime for a new emergency, made with the Web Audio API (no audio file to load).
// Whether it plays is a per-device choice (the Overview's "Sound for new emergencies" switch),
// kept in localStorage: an office screen and a laptop at home may want different answers.

const STORAGE_KEY = 'caretracker.admin.emergencySound';

export function emergencySoundEnabled(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setEmergencySoundEnabled(on: boolean) {
  try {
    window.localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

let context: AudioContext | null = null;

export function playEmergencyChime() {
  if (typeof window === 'undefined' || !emergencySoundEnabled()) return;
  try {
    const Ctor =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    context ??= new Ctor();
    const start = context.currentTime;
    for (const [index, frequency] of [880, 660].entries()) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + index * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.2, start + index * 0.25 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.25 + 0.22);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + index * 0.25);
      oscillator.stop(start + index * 0.25 + 0.24);
    }
  } catch {
    // Audio blocked until the user interacts with the page: the banner still shows.
  }
}
