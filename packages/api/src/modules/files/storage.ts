import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Config, fileStoragePath } from '../../config/config';
import { createS3Storage } from './s3-storage';

/** Where the bytes of uploaded files live. Keys are made by the server (uuid-based), never from a user's name. */
export interface FileStorage {
  readonly driver: 'local' | 's3';
  put(key: string, body: Readable, sizeBytes: number): Promise<void>;
  /** The stored bytes; rejects with a NotFound-like error when the key is absent. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

/** A key generated for a new file: `yyyy/mm/<uuid>`, spreading files over folders. */
export function storageKeyFor(id: string, now = new Date()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${id}`;
}

const KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

/** Files on local disk under one root directory. */
export function createLocalStorage(root: string): FileStorage {
  const base = resolve(root);
  function pathOf(key: string): string {
    // Keys come from storageKeyFor only; refuse anything else rather than resolve it.
    if (!KEY_PATTERN.test(key)) throw new Error('invalid storage key');
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) throw new Error('invalid storage key');
    return path;
  }
  return {
    driver: 'local',
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      try {
        // `wx`: never overwrite an existing file.
        await pipeline(body, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
    },
    async get(key) {
      const path = pathOf(key);
      await stat(path);
      return createReadStream(path);
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

export function createStorage(config: Config): FileStorage {
  if (config.FILE_STORAGE_TYPE === 's3') return createS3Storage(config);
  return createLocalStorage(fileStoragePath(config));
}

/** Where uploads and downloads are staged while they are hashed and checked. */
export function stagingDirectory(config: Config, tmp: string): string {
  return config.FILE_STORAGE_TYPE === 'local'
    ? join(fileStoragePath(config), '.staging')
    : join(tmp, 'caretracker-files');
}
