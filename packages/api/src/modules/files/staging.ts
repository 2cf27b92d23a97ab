import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bytes written to a private temporary file, with their count and SHA-256. */
export interface StagedFile {
  path: string;
  sizeBytes: number;
  sha256: string;
  /** More than the limit arrived; the file holds only the first `limit` bytes and must be refused. */
  tooLarge: boolean;
}

/**
 * Streams into a temporary file in `directory`, hashing as it goes, and stops at `limit` bytes
 * (one byte more marks it too large). Memory use stays at one chunk whatever the size. On
 * failure nothing is left behind.
 */
export async function stageStream(source: Readable, directory: string, limit: number): Promise<StagedFile> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let tooLarge = false;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (tooLarge) return done();
      if (sizeBytes + chunk.length > limit) {
        tooLarge = true;
        const head = chunk.subarray(0, limit - sizeBytes);
        sizeBytes = limit;
        hash.update(head);
        return done(null, head);
      }
      sizeBytes += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, sizeBytes, sha256: hash.digest('hex'), tooLarge };
}

export async function discardStaged(staged: Pick<StagedFile, 'path'> | null | undefined): Promise<void> {
  if (staged) await rm(staged.path, { force: true });
}
