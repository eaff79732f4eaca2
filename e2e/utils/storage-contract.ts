import { DocumentStorage } from '@app/registry';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { generatedFile } from './generated-file';

const MiB = 1024 * 1024;

async function bytesOf(stream: Readable | null): Promise<Buffer | null> {
  if (!stream) return null;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** `source`'s bytes in uneven pieces (7 KiB, then 300 KiB, ...): no store may rely on their sizes. */
function uneven(source: Buffer): Readable {
  const sizes = [7 * 1024, 300 * 1024, 1, 2 * MiB + 3];
  return Readable.from(
    (function* () {
      for (let at = 0, i = 0; at < source.length; i++) {
        const next = source.subarray(at, at + sizes[i % sizes.length]);
        at += next.length;
        yield next;
      }
    })(),
  );
}

/**
 * What every DocumentStorage does, whatever it keeps the bytes in: the same tests run against the
 * PostgreSQL store and the S3 one (e2e/registry/document-storage.e2e-spec.ts).
 */
export function documentStorageContract(name: string, setup: () => { storage: DocumentStorage; dataSource: DataSource }): void {
  describe(`DocumentStorage: ${name}`, () => {
    const file = generatedFile(Math.floor(2.5 * MiB) + 17);
    const whole = file.bytesAt(0, Math.floor(2.5 * MiB) + 16);
    const key = randomUUID();

    it('stores a content streamed in uneven pieces, measured and hashed, and gives it back whole', async () => {
      const { storage } = setup();
      const stored = await storage.write(key, uneven(whole), { maxBytes: 10 * MiB });
      expect(stored).toEqual({ sizeBytes: whole.length, sha256: createHash('sha256').update(whole).digest('hex') });
      expect((await bytesOf(await storage.read(key)))!.equals(whole)).toBe(true);
    });

    it('gives any range: inside a chunk, across chunks, the last byte, to the end', async () => {
      const { storage } = setup();
      for (const [start, end] of [
        [0, 0],
        [10, 1000],
        [MiB - 5, MiB + 5],
        [MiB - 1, 2 * MiB],
        [whole.length - 1, whole.length - 1],
        [2 * MiB, whole.length - 1],
      ]) {
        const got = await bytesOf(await storage.read(key, { start, end }));
        expect({ start, end, equal: got!.equals(whole.subarray(start, end + 1)) }).toEqual({ start, end, equal: true });
      }
    });

    it('has nothing under a key never written', async () => {
      expect(await setup().storage.read(randomUUID())).toBeNull();
    });

    it('refuses a content past the limit as DOCUMENT_TOO_LARGE, keeping nothing of it', async () => {
      const { storage } = setup();
      const big = randomUUID();
      await expect(storage.write(big, uneven(whole), { maxBytes: 2 * MiB })).rejects.toMatchObject({
        code: 'DOCUMENT_TOO_LARGE',
        details: { limit: 2 * MiB },
      });
      expect(await storage.read(big)).toBeNull();
    });

    it('keeps nothing of a content whose source fails half-way (a request cut off)', async () => {
      const { storage } = setup();
      const cut = randomUUID();
      const source = Readable.from(
        (async function* () {
          yield whole.subarray(0, 1.5 * MiB);
          throw new Error('connection reset');
        })(),
      );
      await expect(storage.write(cut, source, { maxBytes: 10 * MiB })).rejects.toThrow('connection reset');
      expect(await storage.read(cut)).toBeNull();
    });

    it('moves a content to another key with the transaction, not when it rolls back', async () => {
      const { storage, dataSource } = setup();
      const from = randomUUID();
      const to = randomUUID();
      await storage.write(from, Readable.from([whole.subarray(0, 3000)]), { maxBytes: MiB });
      await expect(
        dataSource.transaction(async (em) => {
          await storage.move(em, from, to);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect((await bytesOf(await storage.read(from)))!.equals(whole.subarray(0, 3000))).toBe(true);
      await dataSource.transaction((em) => storage.move(em, from, to));
      expect(await storage.read(from)).toBeNull();
      expect((await bytesOf(await storage.read(to)))!.equals(whole.subarray(0, 3000))).toBe(true);
    });

    it('removes a content', async () => {
      const { storage } = setup();
      await storage.remove(key);
      expect(await storage.read(key)).toBeNull();
    });
  });
}
