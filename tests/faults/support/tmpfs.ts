// A small tmpfs, the full disk of the full-disk case (needs CAP_SYS_ADMIN, which root in this
// container has; elsewhere the case is skipped with the reason).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Tmpfs {
  dir: string;
  unmount(): void;
}

/** Mounts a tmpfs of `megabytes` (owned by `owner` when given), or returns why it cannot. */
export function mountTmpfs(megabytes: number, owner?: { uid: number; gid: number }): Tmpfs | string {
  const dir = mkdtempSync(path.join(tmpdir(), 'caretracker-faults-disk-'));
  const options = [`size=${megabytes}m`, owner ? 'mode=0700' : 'mode=0755'];
  if (owner) options.push(`uid=${owner.uid}`, `gid=${owner.gid}`);
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options.join(','), 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here: ${(result.stderr || result.error?.message || '').trim()}`;
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
