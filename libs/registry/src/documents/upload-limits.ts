import { PassThrough, pipeline, type Readable } from 'node:stream';

/**
 * A fixed number of places, taken and given back: the uploads one API process receives at once
 * (UPLOAD_CONCURRENCY). Never waits: a caller that finds no place is refused, so that a busy
 * process answers at once rather than holding the request (and its unread body) in a queue.
 */
export class UploadSlots {
  private taken = 0;

  constructor(readonly limit: number) {}

  /** Places in use now. */
  get inUse(): number {
    return this.taken;
  }

  /** A place, or null when all are taken; the function returned gives it back (once, however often called). */
  tryTake(): (() => void) | null {
    if (this.taken >= this.limit) return null;
    this.taken += 1;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.taken -= 1;
    };
  }
}

/**
 * `content` as read by whoever consumes the stream returned, destroyed with `idleError()` when
 * nothing arrives from it for `idleMs`. Time spent waiting on the consumer (a slow store, which
 * stops reading and so stops the client sending) is not the client's: while bytes received are
 * still waiting to be read, the clock is set back. Destroying `content` (a request) closes the
 * client's connection; the consumer sees the error. `stop()` ends the watch (the stream returned
 * stays as it is).
 */
export function watchIdle(content: Readable, idleMs: number, idleError: () => Error): { stream: Readable; stop: () => void } {
  const relay = new PassThrough();
  const behind = () => relay.readableLength > 0 || relay.writableLength > 0 || content.readableLength > 0;
  const timer = setTimeout(function check() {
    if (behind()) {
      timer.refresh();
      return;
    }
    content.destroy(idleError());
  }, idleMs);
  timer.unref();
  // Either side failing or closed early takes the other with it: the consumer sees the client's
  // error, and a consumer that gives up stops the client's body.
  pipeline(content, relay, () => clearTimeout(timer));
  content.on('data', () => timer.refresh());
  // Once the body is whole, waiting is the server's (storing, committing), never the client's.
  content.once('end', () => clearTimeout(timer));
  return { stream: relay, stop: () => clearTimeout(timer) };
}
