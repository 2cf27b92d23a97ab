'use client';

import type { OutboxForm } from '@caretracker/ui/offline';

/** Phone photos are 3–12 MB; a visit photo is evidence, not art: ~1600 px and at most ~0.6 MB. */
const COMPRESSION = { maxSizeMB: 0.6, maxWidthOrHeight: 1600, fileType: 'image/jpeg', initialQuality: 0.8 } as const;

let loading: Promise<typeof import('browser-image-compression')> | null = null;

/** Loads the compressor (a separate chunk): called when the photo card shows, so it is ready offline. */
export function loadCompression() {
  loading ??= import('browser-image-compression').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * Compressed on the device (browser-image-compression, loaded on first use, in the page's own
 * thread: its worker mode would fetch the library from a CDN).
 */
export async function compressPhoto(file: File): Promise<File> {
  const { default: imageCompression } = await loadCompression();
  const compressed = await imageCompression(file, { ...COMPRESSION, useWebWorker: false });
  return new File([compressed], `visit-photo-${Date.now()}.jpg`, { type: 'image/jpeg' });
}

/**
 * The upload of a visit photo as the outbox keeps it: the files API's multipart fields that link
 * it to the visit, and the photo's bytes (a Blob, stored in IndexedDB until it is sent).
 */
export function visitPhotoForm(visitId: string, photo: File): OutboxForm {
  return {
    fields: { entityType: 'VISIT', entityId: visitId, category: 'visit-photo' },
    file: { field: 'file', name: photo.name, blob: photo },
  };
}
