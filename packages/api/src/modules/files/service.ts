import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { schema } from '@caretracker/database';
import {
  ALLOWED_FILE_TYPES,
  type AllowedFileKind,
  type FileView,
  type ListFilesQuery,
  uploadFileFieldsSchema,
} from '@caretracker/shared';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { fileTypeFromFile } from 'file-type';
import type { Actor } from '../../context/request-context';
import {
  AppError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../errors/app-errors';
import type { ModuleDeps } from '../module-deps';
import { activeUserIds } from '../notifications/service';
import { entityAccess, visibleFilesCondition } from './access';
import { nameForKind, sanitiseFileName } from './file-names';
import { discardStaged, type StagedFile, stageStream } from './staging';
import { createStorage, type FileStorage, stagingDirectory, storageKeyFor } from './storage';

const { files, users } = schema;
type FileRow = typeof files.$inferSelect;

export interface UploadInput {
  staged: StagedFile;
  /** The name the client sent, unsanitised. */
  fileName: string;
  /** The form's text fields, unvalidated. */
  fields: Record<string, string>;
}

export interface Download {
  file: FileView;
  body: Readable;
}

export type FilesService = ReturnType<typeof createFilesService>;

const viewOf = (row: FileRow): FileView => ({
  id: row.id,
  entityType: row.entityType,
  entityId: row.entityId,
  category: row.category,
  originalName: row.originalName,
  mimeType: row.mimeType,
  sizeBytes: row.sizeBytes,
  sha256: row.sha256,
  description: row.description,
  uploadedBy: row.uploadedBy,
  createdAt: row.createdAt.toISOString(),
});

/**
 * Files attached to clients, visits, expenses, profiles and conversations. Uploads are staged to
 * a temporary file while counted and hashed, typed by their bytes, then handed to the storage
 * driver; every download is re-hashed before a byte is served. Every upload, download, delete
 * and denial is audited.
 */
export function createFilesService(deps: ModuleDeps, options: { storage?: FileStorage } = {}) {
  const { db, audit, config } = deps;
  const storage = options.storage ?? createStorage(config);
  const staging = stagingDirectory(config, tmpdir());
  const maxBytes = config.FILE_UPLOAD_MAX_SIZE;

  /** The file if the actor may see it; otherwise the denial is logged and the answer is a 404. */
  async function requireVisible(actor: Actor, id: string, action: string): Promise<FileRow> {
    const [row] = await db
      .select()
      .from(files)
      .where(and(eq(files.id, id), isNull(files.deletedAt), visibleFilesCondition(actor)));
    if (!row) {
      if (actor.role !== 'ADMIN') await audit.recordDenied('file', id, `not visible (${action})`);
      throw new NotFoundError('File');
    }
    return row;
  }

  /** Verifies the stored bytes against their SHA-256 before anything is served. */
  async function verifiedDownload(row: FileRow): Promise<Download> {
    const id = row.id;
    let staged: StagedFile | null = null;
    try {
      staged = await stageStream(await storage.get(row.storageKey), staging, row.sizeBytes + 1);
    } catch {
      staged = null;
    }
    if (!staged || staged.sha256 !== row.sha256 || staged.sizeBytes !== row.sizeBytes || staged.tooLarge) {
      await discardStaged(staged);
      await raiseIntegrityAlert(row, staged);
      throw new AppError(500, 'INTERNAL_ERROR', 'This file cannot be served; the office has been alerted');
    }
    await audit.record({ action: 'FILE_DOWNLOADED', entityType: 'file', entityId: id, classification: 'PHI' });
    // Open, then unlink: the verified copy is read through the open handle and nothing is left
    // behind, whether the client reads to the end or disconnects.
    const handle = await open(staged.path, 'r');
    await discardStaged(staged);
    return { file: viewOf(row), body: handle.createReadStream() };
  }

  /** A stored file no longer matches its checksum: never served; admins alerted, audited. */
  async function raiseIntegrityAlert(row: FileRow, actual: { sha256: string; sizeBytes: number } | null) {
    await audit.record({
      action: 'FILE_INTEGRITY_FAILURE',
      entityType: 'file',
      entityId: row.id,
      classification: 'SECURITY',
      outcome: 'FAILURE',
      metadata: {
        storageDriver: row.storageDriver,
        expectedSha256: row.sha256,
        actualSha256: actual?.sha256 ?? null,
        expectedSizeBytes: row.sizeBytes,
        actualSizeBytes: actual?.sizeBytes ?? null,
      },
    });
    await deps.notifier.notify({
      userIds: await activeUserIds(db, ['ADMIN']),
      category: 'SECURITY_ALERT',
      message: { key: 'fileIntegrityFailed', params: { file: row.originalName } },
      entityType: 'file',
      entityId: row.id,
      urgent: true,
    });
  }

  async function detectKind(path: string): Promise<{ kind: AllowedFileKind; mime: string }> {
    const detected = await fileTypeFromFile(path);
    const kind = detected?.ext as AllowedFileKind | undefined;
    if (!detected || !kind || !(kind in ALLOWED_FILE_TYPES)) {
      throw new UnsupportedMediaTypeError(
        'This type of file is not accepted; send PDF, JPEG, PNG, WebP, HEIC, DOCX or XLSX',
        {
          detected: detected?.mime ?? null,
        },
      );
    }
    const allowed: readonly string[] = ALLOWED_FILE_TYPES[kind].mime;
    return { kind, mime: allowed.includes(detected.mime) ? detected.mime : (allowed[0] ?? detected.mime) };
  }

  return {
    maxBytes,

    /** Streams an incoming file to a private temporary file (one byte past the limit marks it too large). */
    receive(source: Readable): Promise<StagedFile> {
      return stageStream(source, staging, maxBytes + 1);
    },

    discard: discardStaged,

    async upload(actor: Actor, input: UploadInput): Promise<FileView> {
      const { staged } = input;
      if (staged.tooLarge || staged.sizeBytes > maxBytes) {
        throw new PayloadTooLargeError(`A file may be at most ${maxBytes} bytes`);
      }
      const parsed = uploadFileFieldsSchema.safeParse(input.fields);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          field: ['body', ...issue.path.map(String)].join('.'),
          message: issue.message,
        }));
        throw new ValidationError(`Invalid request: ${issues.map((i) => i.field).join(', ')}`, issues);
      }
      const fields = parsed.data;
      const access = await entityAccess(db, actor, fields.entityType, fields.entityId);
      if (access !== 'write') {
        await audit.recordDenied(fields.entityType.toLowerCase(), fields.entityId, `file upload (${access})`);
        if (access === 'none') throw new NotFoundError(fields.entityType === 'MESSAGE' ? 'Conversation' : 'Entity');
        throw new ForbiddenError('You may read this record but not attach files to it');
      }
      const { kind, mime } = await detectKind(staged.path);
      const name = nameForKind(sanitiseFileName(input.fileName), kind);
      if (!name) {
        throw new UnsupportedMediaTypeError("The file's content does not match its name's extension", {
          detected: mime,
        });
      }

      const id = randomUUID();
      const key = storageKeyFor(id);
      await storage.put(key, createReadStream(staged.path), staged.sizeBytes);
      try {
        const row = await db.transaction(async (tx) => {
          const [inserted] = await tx
            .insert(files)
            .values({
              id,
              uploadedBy: actor.id,
              entityType: fields.entityType,
              entityId: fields.entityId,
              category: fields.category,
              originalName: name,
              mimeType: mime,
              sizeBytes: staged.sizeBytes,
              sha256: staged.sha256,
              storageDriver: storage.driver,
              storageKey: key,
              description: fields.description ?? null,
              createdBy: actor.id,
              updatedBy: actor.id,
            })
            .returning();
          if (!inserted) throw new Error('file insert returned nothing');
          await audit.record(
            {
              action: 'FILE_UPLOADED',
              entityType: 'file',
              entityId: id,
              classification: 'PHI',
              newValues: { ...viewOf(inserted), storageDriver: storage.driver },
            },
            tx,
          );
          return inserted;
        });
        return viewOf(row);
      } catch (error) {
        await storage.delete(key).catch(() => {});
        throw error;
      }
    },

    /** Verifies the stored bytes against their SHA-256 before anything is served. */
    async download(actor: Actor, id: string): Promise<Download> {
      return verifiedDownload(await requireVisible(actor, id, 'download'));
    },

    /**
     * A live file by id, without the caller's file visibility: for modules that decided access
     * themselves (a person's photo follows the person, not the file). Null when it is gone.
     */
    async findLive(id: string): Promise<FileRow | null> {
      const [row] = await db
        .select()
        .from(files)
        .where(and(eq(files.id, id), isNull(files.deletedAt)));
      return row ?? null;
    },

    verifiedDownload,

    async list(actor: Actor, query: ListFilesQuery) {
      const where = and(
        isNull(files.deletedAt),
        query.entityType ? eq(files.entityType, query.entityType) : undefined,
        query.entityId ? eq(files.entityId, query.entityId) : undefined,
        visibleFilesCondition(actor),
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({ file: files, uploader: { id: users.id, firstName: users.firstName, lastName: users.lastName } })
          .from(files)
          .leftJoin(users, eq(users.id, files.uploadedBy))
          .where(where)
          .orderBy(desc(files.createdAt), desc(files.id))
          .limit(query.limit)
          .offset((query.page - 1) * query.limit),
        db.select({ value: count() }).from(files).where(where),
      ]);
      if (rows.length > 0) {
        await db.transaction(async (tx) => {
          for (const row of rows) await audit.recordPhiRead('file', row.file.id, tx);
        });
      }
      const totalCount = total?.value ?? 0;
      return {
        data: rows.map((row) => ({ ...viewOf(row.file), uploader: row.uploader })),
        pagination: {
          page: query.page,
          limit: query.limit,
          total: totalCount,
          totalPages: Math.ceil(totalCount / query.limit),
        },
      };
    },

    /** Soft delete: the bytes stay for retention; the uploader, the client's supervisor or an admin. */
    async remove(actor: Actor, id: string): Promise<void> {
      const row = await requireVisible(actor, id, 'delete');
      const mayDelete = actor.role === 'ADMIN' || actor.role === 'SUPERVISOR' || row.uploadedBy === actor.id;
      // A conversation's files change only from inside it: an admin who has not joined reads them.
      if (row.entityType === 'MESSAGE' && (await entityAccess(db, actor, 'MESSAGE', row.entityId)) !== 'write') {
        await audit.recordDenied('file', id, 'not a participant of the conversation (delete)');
        throw new ForbiddenError('Join the conversation before deleting its files');
      }
      if (!mayDelete) {
        await audit.recordDenied('file', id, 'only the uploader, a supervisor or an admin may delete');
        throw new ForbiddenError('Only the uploader, the supervisor or an admin may delete this file');
      }
      await db.transaction(async (tx) => {
        const now = new Date();
        await tx
          .update(files)
          .set({ deletedAt: now, updatedAt: now, updatedBy: actor.id, version: row.version + 1 })
          .where(eq(files.id, id));
        await audit.record(
          {
            action: 'FILE_DELETED',
            entityType: 'file',
            entityId: id,
            classification: 'PHI',
            oldValues: { deletedAt: null },
            newValues: { deletedAt: now, originalName: row.originalName, sha256: row.sha256 },
          },
          tx,
        );
      });
    },
  };
}
