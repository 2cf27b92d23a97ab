import { z } from 'zod';

/** The image types a person's photo may be: what every browser shows (HEIC is refused). */
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * `PUT /users/:id/photo`: a file already uploaded through `POST /files/upload` with
 * entityType PROFILE and entityId the person's id, a JPEG, PNG or WebP image.
 */
export const setUserPhotoBodySchema = z.strictObject({ fileId: z.uuid() });
export type SetUserPhotoBody = z.infer<typeof setUserPhotoBodySchema>;

export const userPhotoViewSchema = z.object({
  userId: z.uuid(),
  /** The photo's file; null once it is cleared. */
  photoFileId: z.uuid().nullable(),
});
export type UserPhotoView = z.infer<typeof userPhotoViewSchema>;

/** Where a person's photo is served (with the caller's bearer token). */
export const userPhotoPath = (userId: string) => `/users/${userId}/photo`;
