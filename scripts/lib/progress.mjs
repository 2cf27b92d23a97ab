// One line per step of `pnpm start`, with its time: `[2/4] database ready: … (3.1 s)`.
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * `step(title, run)` prints `[n/total] title …` when it starts (only `announce`d steps: the long
 * ones) and `[n/total] <what run returned, or title> (time)` when it ends; `run` gets `note(text)`
 * for indented progress inside a step. A failure prints ✗ with the time and rethrows.
 */
export function createProgress(total) {
  let index = 0;
  const startedAt = performance.now();
  async function step(title, run, { announce = false } = {}) {
    index += 1;
    const tag = paint(1, `[${index}/${total}]`);
    const began = performance.now();
    if (announce) process.stdout.write(`${tag} ${title} …\n`);
    const note = (text) => process.stdout.write(`      ${text}\n`);
    try {
      const done = await run(note);
      process.stdout.write(`${tag} ${paint(32, '✓')} ${done ?? title} ${paint(2, `(${seconds(began)})`)}\n`);
    } catch (error) {
      process.stdout.write(`${tag} ${paint(31, '✗')} ${title} ${paint(2, `(${seconds(began)})`)}\n`);
      throw error;
    }
  }
  return { step, total: () => seconds(startedAt) };
}
