// Where a V8 CPU profile's time went: self time by package and the top functions.
//   node --import tsx bench/profile-summary.mts bench/results/profiles/CPU.….cpuprofile
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));

function area(url: string, name: string): string {
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') return name;
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes('dist/bin')) return 'caretracker (bundle)';
  if (url.startsWith('node:') || url === '') return 'node internals';
  return url;
}

const total = [...self.values()].reduce((a, b) => a + b, 0);
const busy =
  total -
  [...self.entries()]
    .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
    .reduce((a, [, t]) => a + t, 0);
const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, time] of self) {
  const frame = byId.get(id)!.callFrame;
  const key = area(frame.url, frame.functionName);
  areas.set(key, (areas.get(key) ?? 0) + time);
  const fn = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + time);
}
const pct = (t: number) => `${((t / busy) * 100).toFixed(1)}%`;
console.log(`busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled; shares of busy time`);
for (const [key, time] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  if (key !== '(idle)') console.log(`  ${pct(time).padStart(6)}  ${key}`);
}
console.log('top functions (self time)');
for (const [key, time] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  if (!key.startsWith('(idle)')) console.log(`  ${pct(time).padStart(6)}  ${key}`);
}
