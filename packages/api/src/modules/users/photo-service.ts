import type { Database } from '@caretracker/database';
import { schema } from '@caretracker/database';
import { PHOTO_MIME_TYPES, type UserPhotoView } from '@caretracker/shared';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../context/request-context';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../../errors/app-errors';
import type { AuditService } from '../audit/service';
import type { FilesService } from '../files/service';
import { maySeePhoto } from './photo-access';
import { findLiveUser } from './queries';
import { classificationOf } from './rules';

const { profiles } = schema;

export interface UserPhotosDeps {
  db: Database;
  audit: AuditService;
  files: FilesService;
}

export type UserPhotosService = ReturnType<typeof createUserPhotosService>;

const notUsable = (message: string) => new UnprocessableError(message, [{ field: 'body.fileId', message }]);

/**
 * A person's photo: set and cleared by the person or an admin, from an image uploaded for their
 * profile; served to those `maySeePhoto` admits, checked against its SHA-256 like any download.
 */
export function createUserPhotosService({ db, audit, files }: UserPhotosDeps) {
  /** The person, if the actor may change their photo: 404 when unseen, 403 when seen but not theirs. */
  async function requireWritable(actor: Actor, id: string) {
    const target = await findLiveUser(db, id);
    const visible = target ? await maySeePhoto(db, actor, id) : false;
    if (!target || !visible) {
      if (actor.role !== 'ADMIN') await audit.recordDenied('user', id, 'relation none (photo)');
      throw new NotFoundError('User');
    }
    if (actor.id !== id && actor.role !== 'ADMIN') {
      await audit.recordDenied('user', id, 'only the person or an admin sets a photo');
      throw new ForbiddenError('Only the person or an admin may change this photo');
    }
    return target;
  }

  async function write(actor: Actor, id: string, fileId: string | null, role: Parameters<typeof classificationOf>[0]) {
    const [before] = await db
      .select({ photoFileId: profiles.photoFileId })
      .from(profiles)
      .where(eq(profiles.userId, id));
    await db.transaction(async (tx) => {
      await tx
        .insert(profiles)
        .values({ userId: id, photoFileId: fileId, createdBy: actor.id, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: profiles.userId,
          set: {
            photoFileId: fileId,
            version: sql`${profiles.version} + 1`,
            updatedAt: new Date(),
            updatedBy: actor.id,
          },
        });
      await audit.record(
        {
          action: 'USER_UPDATED',
          entityType: 'user',
          entityId: id,
          classification: classificationOf(role),
          oldValues: { 'profile.photoFileId': before?.photoFileId ?? null },
          newValues: { 'profile.photoFileId': fileId },
        },
        tx,
      );
    });
  }

  return {
    async set(actor: Actor, id: string, fileId: string): Promise<UserPhotoView> {
      const target = await requireWritable(actor, id);
      const file = await files.findLive(fileId);
      if (file?.entityType !== 'PROFILE' || file.entityId !== id) {
        throw notUsable('Upload the photo for this person first (a PROFILE file of theirs)');
      }
      if (!(PHOTO_MIME_TYPES as readonly string[]).includes(file.mimeType)) {
        throw notUsable('A photo must be a JPEG, PNG or WebP image');
      }
      await write(actor, id, fileId, target.role);
      return { userId: id, photoFileId: fileId };
    },

    async clear(actor: Actor, id: string): Promise<void> {
      const target = await requireWritable(actor, id);
      await write(actor, id, null, target.role);
    },

    async open(actor: Actor, id: string) {
      const [row] = await db
        .select({ photoFileId: profiles.photoFileId })
        .from(profiles)
        .where(eq(profiles.userId, id));
      if (!(await maySeePhoto(db, actor, id))) {
        if (actor.role !== 'ADMIN') await audit.recordDenied('user', id, 'relation none (photo)');
        throw new NotFoundError('User');
      }
      const file = row?.photoFileId ? await files.findLive(row.photoFileId) : null;
      if (!file) throw new NotFoundError('Photo');
      return files.verifiedDownload(file);
    },
  };
}
