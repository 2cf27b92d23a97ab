// The smallest SMTP server nodemailer will talk to (no TLS, no auth): it accepts every message and
// keeps its raw text, so a case can tell which emails were really delivered.
import { createServer, type Server } from 'node:net';

export interface SmtpSink {
  url: string;
  messages: string[];
  close(): Promise<void>;
}

/** `delayMs`: how long each message waits for its `250` (a slow relay, so queued mail piles up). */
export async function startSmtpSink(port: number, options: { delayMs?: number } = {}): Promise<SmtpSink> {
  const messages: string[] = [];
  const server: Server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let data = '';
    socket.write('220 faults-sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          const message = data;
          data = '';
          inData = false;
          const accept = () => {
            messages.push(message);
            socket.write('250 OK queued\r\n');
          };
          if (options.delayMs) setTimeout(accept, options.delayMs);
          else accept();
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline === -1) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-faults-sink\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') socket.end('221 Bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
