'use client';

import type { FileView } from '@caretracker/shared';
import { type ApiClient, ApiError } from '@caretracker/ui/data';
import { config } from './config';

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

async function post(form: FormData): Promise<Response> {
  try {
    return await fetch(`${config.apiUrl}/files/upload`, { method: 'POST', body: form, credentials: 'include' });
  } catch {
    throw new ApiError(
      0,
      'NETWORK_ERROR',
      'Cannot reach the CareTracker service. Check your connection and try again.',
    );
  }
}

/** Uploads through the files API (multipart), linked to the visit; the session is refreshed once on a 401. */
export async function uploadVisitPhoto(api: ApiClient, visitId: string, photo: File): Promise<FileView> {
  const form = () => {
    const data = new FormData();
    data.append('entityType', 'VISIT');
    data.append('entityId', visitId);
    data.append('category', 'visit-photo');
    data.append('file', photo, photo.name);
    return data;
  };
  let response = await post(form());
  if (response.status === 401) {
    await api.refresh();
    response = await post(form());
  }
  const json = (await response.json().catch(() => null)) as {
    data?: FileView;
    error?: string;
    message?: string;
  } | null;
  if (!response.ok || !json?.data) {
    throw new ApiError(
      response.status,
      json?.error ?? 'UPLOAD_FAILED',
      json?.message ?? 'The photo could not be saved.',
    );
  }
  return json.data;
}
