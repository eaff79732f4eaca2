import { PassThrough } from 'node:stream';
import { UploadSlots, watchIdle } from './upload-limits';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('UploadSlots', () => {
  it('gives at most its limit of places, each back once however often released', () => {
    const slots = new UploadSlots(2);
    const a = slots.tryTake();
    const b = slots.tryTake();
    expect([a, b].every((r) => typeof r === 'function')).toBe(true);
    expect(slots.tryTake()).toBeNull();
    a!();
    a!();
    expect(slots.inUse).toBe(1);
    const c = slots.tryTake();
    expect(c).not.toBeNull();
    expect(slots.tryTake()).toBeNull();
    b!();
    c!();
    expect(slots.inUse).toBe(0);
  });
});

describe('watchIdle', () => {
  it('destroys a source that sends nothing for the bound, with the error given; the reader sees it', async () => {
    const source = new PassThrough();
    const { stream } = watchIdle(source, 100, () => new Error('idle'));
    source.write(Buffer.alloc(10));
    const read = (async () => {
      let bytes = 0;
      for await (const chunk of stream) bytes += (chunk as Buffer).length;
      return bytes;
    })();
    await expect(read).rejects.toThrow('idle');
    expect(source.destroyed).toBe(true);
  });

  it('leaves alone a source that keeps sending, and one whose reader is the slow side', async () => {
    const trickling = new PassThrough();
    const first = watchIdle(trickling, 100, () => new Error('idle'));
    const sent = (async () => {
      for (let i = 0; i < 6; i++) {
        trickling.write(Buffer.alloc(10));
        await sleep(50);
      }
      trickling.end();
    })();
    let bytes = 0;
    for await (const chunk of first.stream) bytes += (chunk as Buffer).length;
    await sent;
    expect(bytes).toBe(60);

    // Everything sent at once, then read slowly (a slow store), each read longer than the bound:
    // nothing arrives meanwhile, as the stream is full, but the waiting is the reader's.
    const eager = new PassThrough({ highWaterMark: 1024 });
    const second = watchIdle(eager, 100, () => new Error('idle'));
    for (let i = 0; i < 4; i++) eager.write(Buffer.alloc(64 * 1024));
    eager.end();
    let slow = 0;
    let reads = 0;
    for await (const chunk of second.stream) {
      slow += (chunk as Buffer).length;
      reads += 1;
      await sleep(250);
    }
    expect(slow).toBe(256 * 1024);
    expect(reads).toBeGreaterThan(1);
  });
});
