import { describe, expect, it } from 'vitest';
import { attachmentDisposition, nameForKind, sanitiseFileName } from './file-names';

describe('sanitiseFileName', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\boot.ini.pdf', 'boot.ini.pdf'],
    ['C:\\Users\\ann\\scan.pdf', 'scan.pdf'],
    ['a\u0000b\nc\rd\u007f.pdf', 'abcd.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['.htaccess', 'htaccess'],
    ['..', 'file'],
    ['', 'file'],
    ['   report  final .pdf  ', 'report final .pdf'],
    ['Cafe\u0301.pdf', 'Café.pdf'],
    ['a<b>c:d"e|f?g*.pdf', 'a_b_c_d_e_f_g_.pdf'],
    ['\uFF0E\uFF0E\uFF0Fsecret.pdf', 'secret.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('keeps the extension when shortening a long name to 150 characters', () => {
    const name = sanitiseFileName(`${'ä'.repeat(400)}.pdf`);
    expect(name).toHaveLength(150);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('nameForKind', () => {
  it('accepts matching extensions in any case, refuses others, adds one when missing', () => {
    expect(nameForKind('photo.JPEG', 'jpg')).toBe('photo.JPEG');
    expect(nameForKind('photo.pdf', 'jpg')).toBeNull();
    expect(nameForKind('photo', 'png')).toBe('photo.png');
  });
});

describe('attachmentDisposition', () => {
  it('is always an attachment with an RFC 5987 name and a quoted ASCII fallback', () => {
    expect(attachmentDisposition('Relevé "mars"; 100%.pdf')).toBe(
      `attachment; filename="Relev_ _mars__ 100_.pdf"; filename*=UTF-8''Relev%C3%A9%20%22mars%22%3B%20100%25.pdf`,
    );
  });
});
