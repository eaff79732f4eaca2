import type { ByteRange } from './document-storage';

/**
 * The range an HTTP `Range` header asks of a file of `size` bytes (RFC 9110 §14.1.2): one range
 * of bytes, `start-end`, `start-` or `-suffix`. `null` when the header asks for none the server
 * serves as a range (absent, another unit, several ranges: the whole file is sent);
 * 'unsatisfiable' when no byte of the file is in it (answered 416).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}
