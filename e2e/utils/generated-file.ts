import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

const BLOCK = 1024 * 1024;

/**
 * A file of `size` bytes made as it is read, never held: blocks of one random MiB, 17 different
 * ones in turn (a chunk read in the wrong place shows). `bytesAt`
 * gives any range of it again, for checking a download's ranges; `sha256` is known once the
 * stream has been read to its end.
 */
export function generatedFile(size: number): {
  stream: () => Readable;
  bytesAt: (start: number, end: number) => Buffer;
  sha256: () => string;
} {
  // 17 random blocks, made once and sent again and again (a prime: no chunk size lines up with
  // them), so that making the file allocates nothing while it streams.
  const blocks = Array.from({ length: 17 }, () => randomBytes(BLOCK));
  const block = (n: number) => blocks[n % blocks.length];
  let digest: string | null = null;
  return {
    stream: () => {
      const hash = createHash('sha256');
      let sent = 0;
      let n = 0;
      return new Readable({
        highWaterMark: 64 * 1024,
        read() {
          if (sent >= size) {
            digest = hash.digest('hex');
            this.push(null);
            return;
          }
          const piece = block(n++).subarray(0, Math.min(BLOCK, size - sent));
          sent += piece.length;
          hash.update(piece);
          this.push(piece);
        },
      });
    },
    bytesAt: (start, end) => {
      const parts: Buffer[] = [];
      for (let at = start; at <= end;) {
        const n = Math.floor(at / BLOCK);
        const from = at - n * BLOCK;
        const to = Math.min(BLOCK, end - n * BLOCK + 1);
        parts.push(block(n).subarray(from, to));
        at += to - from;
      }
      return Buffer.concat(parts);
    },
    sha256: () => {
      if (digest === null) throw new Error('The generated file has not been read to its end');
      return digest;
    },
  };
}
