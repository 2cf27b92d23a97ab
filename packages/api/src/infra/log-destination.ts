import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pino, { type DestinationStream } from 'pino';
import type { Config } from '../config/config';

/**
 * With LOG_FILE, every line goes to that file (request logs included) and only warnings and
 * errors also reach the console: `pnpm start` keeps its terminal for what a person must see.
 * Written synchronously, so the last lines before a crash or Ctrl-C are not lost.
 */
export function logDestination(config: Config): { stream?: DestinationStream } {
  if (!config.LOG_FILE) return {};
  const file = resolve(config.LOG_FILE);
  mkdirSync(dirname(file), { recursive: true });
  return {
    stream: pino.multistream([
      // buildApp turns logging off altogether for 'silent'.
      {
        level: config.LOG_LEVEL === 'silent' ? 'fatal' : config.LOG_LEVEL,
        stream: pino.destination({ dest: file, sync: true }),
      },
      { level: 'warn', stream: process.stdout },
    ]),
  };
}
