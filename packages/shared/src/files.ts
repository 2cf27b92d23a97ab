import { z } from 'zod';
import { paginationQuerySchema } from './envelope';

/** What a file is attached to. MESSAGE files hang on the conversation (the message does not exist yet). */
export const FILE_ENTITY_TYPES = ['CLIENT', 'VISIT', 'EXPENSE', 'PROFILE', 'MESSAGE'] as const;
export type FileEntityType = (typeof FILE_ENTITY_TYPES)[number];

/**
 * The allow-list: a type taken from the content's magic bytes, its MIME type, and the name
 * extensions that may carry it. Anything else is refused with 415.
 */
export const ALLOWED_FILE_TYPES = {
  pdf: { mime: ['application/pdf'], extensions: ['pdf'] },
  jpg: { mime: ['image/jpeg'], extensions: ['jpg', 'jpeg'] },
  png: { mime: ['image/png'], extensions: ['png'] },
  webp: { mime: ['image/webp'], extensions: ['webp'] },
  heic: { mime: ['image/heic', 'image/heif'], extensions: ['heic', 'heif'] },
  docx: {
    mime: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    extensions: ['docx'],
  },
  xlsx: { mime: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], extensions: ['xlsx'] },
} as const satisfies Record<string, { mime: readonly string[]; extensions: readonly string[] }>;
export type AllowedFileKind = keyof typeof ALLOWED_FILE_TYPES;

const text = (max: number) => z.string().trim().min(1).max(max);

/** The form fields sent beside the file in `POST /files/upload` (multipart). */
export const uploadFileFieldsSchema = z.strictObject({
  entityType: z.enum(FILE_ENTITY_TYPES),
  entityId: z.uuid(),
  category: text(50).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  description: text(1000).optional(),
});
export type UploadFileFields = z.infer<typeof uploadFileFieldsSchema>;

export const listFilesQuerySchema = paginationQuerySchema.extend({
  entityType: z.enum(FILE_ENTITY_TYPES).optional(),
  entityId: z.uuid().optional(),
});
export type ListFilesQuery = z.infer<typeof listFilesQuerySchema>;

/** A file's metadata as every reader sees it; the storage key and driver never leave the server. */
export const fileViewSchema = z.object({
  id: z.uuid(),
  entityType: z.enum(FILE_ENTITY_TYPES),
  entityId: z.uuid(),
  category: z.string(),
  originalName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  description: z.string().nullable(),
  uploadedBy: z.uuid(),
  /** Who uploaded it, by name (lists only). */
  uploader: z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() }).nullable().optional(),
  createdAt: z.string(),
});
export type FileView = z.infer<typeof fileViewSchema>;
