import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { TestUser } from './factories';

export const MB10 = 10 * 1024 * 1024;

/** Contents whose magic bytes say what they are. */
export const samples = {
  pdf: (size = 1024) =>
    padded(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), size, '\n%%EOF\n'),
  png: () =>
    Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' +
        '0d0a2db40000000049454e44ae426082',
      'hex',
    ),
  jpeg: () =>
    Buffer.concat([
      Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
      Buffer.alloc(64),
      Buffer.from('ffd9', 'hex'),
    ]),
  elf: () => Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(512, 0x90)]),
  exe: () => Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(512)]),
  docx: () =>
    storedZip({
      '[Content_Types].xml':
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      '_rels/.rels': '<?xml version="1.0"?><Relationships/>',
      'word/document.xml': '<?xml version="1.0"?><w:document/>',
    }),
};

function padded(head: Buffer, size: number, tail: string): Buffer {
  const end = Buffer.from(tail, 'latin1');
  const body = Buffer.alloc(Math.max(0, size - head.length - end.length), 0x20);
  return Buffer.concat([head, body, end]).subarray(0, size);
}

/** A zip with uncompressed entries, enough for content sniffing of OOXML documents. */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export interface UploadForm {
  entityType?: string;
  entityId?: string;
  category?: string;
  description?: string;
  /** The file name as sent; encoded as RFC 5987 `filename*` so any character survives the header. */
  name?: string;
  content?: Buffer;
  extra?: Record<string, string>;
}

/** A multipart/form-data body with the text fields first and then the file. */
export function multipartBody(form: UploadForm): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----caretracker${randomUUID().replace(/-/g, '')}`;
  const parts: Buffer[] = [];
  const fields = {
    entityType: form.entityType,
    entityId: form.entityId,
    category: form.category ?? 'DOCUMENT',
    description: form.description,
    ...form.extra,
  };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (form.content) {
    const encoded = encodeURIComponent(form.name ?? 'report.pdf');
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encoded}\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      form.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(app: FastifyInstance, user: Pick<TestUser, 'headers'>, form: UploadForm) {
  const { payload, headers } = multipartBody(form);
  return app.inject({ method: 'POST', url: '/files/upload', payload, headers: { ...user.headers, ...headers } });
}

/** Every regular file below a directory, relative paths. */
export async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
}
