// A real SMTP server for the end-to-end run: the API sends its mail here (SMTP_URL), and each
// message is written as a file the Playwright journeys read (E2E_MAILBOX_DIR), e.g. the password
// reset link. smtp-server is the API's test dependency, borrowed like pg in e2e.mjs.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './services.mjs';

/** Starts the sink on a free local port; resolves to its SMTP URL and a close function. */
export async function startMailSink(dir) {
  const { SMTPServer } = createRequire(path.join(ROOT, 'packages/api/package.json'))('smtp-server');
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        count += 1;
        const to = session.envelope.rcptTo.map((recipient) => recipient.address);
        const file = path.join(dir, `${String(count).padStart(5, '0')}.json`);
        writeFileSync(file, JSON.stringify({ to, raw: Buffer.concat(chunks).toString('utf8') }));
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
