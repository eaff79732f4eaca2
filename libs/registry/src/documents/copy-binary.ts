// PostgreSQL's binary COPY format (the documentation of COPY, "Binary Format"), written and read
// here so that document bytes go to and from the database as they are: text COPY and query
// results send bytea as hex, twice its size, parsed on both sides.
//
// A stream is: the signature, a 32-bit flags field, a 32-bit header extension length and the
// extension; then per tuple a 16-bit field count and, per field, a 32-bit length (-1 for NULL)
// and that many bytes; then the trailer, a field count of -1. Integers are big-endian.

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const EMPTY = Buffer.alloc(0);

/** What opens a binary COPY: the signature, no flags, no header extension. */
export const COPY_BINARY_HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);

/** What ends a binary COPY: a field count of -1. */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID as PostgreSQL's uuid type writes it. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A uuid value in binary format: its 16 bytes. */
export function uuidField(value: string): Buffer {
  if (!isUuid(value)) throw new Error(`Not a UUID: ${value}`);
  return Buffer.from(value.replace(/-/g, ''), 'hex');
}

/** An integer (int4) value in binary format. */
export function int4Field(value: number): Buffer {
  const field = Buffer.allocUnsafe(4);
  field.writeInt32BE(value, 0);
  return field;
}

/** One tuple in one buffer: its field count, then each field's length and bytes (null is NULL). */
export function copyBinaryTuple(fields: readonly (Buffer | null)[]): Buffer {
  let size = 2;
  for (const field of fields) size += 4 + (field?.length ?? 0);
  const tuple = Buffer.allocUnsafe(size);
  let at = tuple.writeInt16BE(fields.length, 0);
  for (const field of fields) {
    at = tuple.writeInt32BE(field === null ? -1 : field.length, at);
    if (field) at += field.copy(tuple, at);
  }
  return tuple;
}

type State = 'header' | 'extension' | 'tuple' | 'length' | 'field' | 'end';

/**
 * Reads the output of a binary COPY, given in pieces cut anywhere (as the socket delivers it),
 * and answers the bytes of its fields in order, without copying them: a field may come in
 * several pieces, a NULL field gives nothing. What it holds between two pieces is at most the 19
 * bytes of a header or an integer cut in two.
 */
export class CopyBinaryDecoder {
  private state: State = 'header';
  private pending: Buffer = EMPTY;
  private remaining = 0;
  private fieldsLeft = 0;
  /** Tuples begun so far. */
  tuples = 0;

  /** Whether the trailer was read: the output is complete. */
  get ended(): boolean {
    return this.state === 'end';
  }

  push(data: Buffer): Buffer[] {
    const fields: Buffer[] = [];
    let at = 0;
    // `n` bytes of a fixed-size part, joined with what the previous piece left of it; null when
    // this piece ends first (what it had is kept for the next).
    const take = (n: number): Buffer | null => {
      const need = n - this.pending.length;
      if (data.length - at < need) {
        this.pending = Buffer.concat([this.pending, data.subarray(at)]);
        at = data.length;
        return null;
      }
      const part = this.pending.length ? Buffer.concat([this.pending, data.subarray(at, at + need)]) : data.subarray(at, at + need);
      at += need;
      this.pending = EMPTY;
      return part;
    };
    const fieldDone = () => {
      this.fieldsLeft -= 1;
      this.state = this.fieldsLeft > 0 ? 'length' : 'tuple';
    };
    while (at < data.length) {
      switch (this.state) {
        case 'header': {
          const header = take(COPY_BINARY_HEADER.length);
          if (!header) break;
          if (!header.subarray(0, SIGNATURE.length).equals(SIGNATURE))
            throw new Error('Not the output of a binary COPY (no PGCOPY signature)');
          this.remaining = header.readUInt32BE(SIGNATURE.length + 4);
          this.state = this.remaining > 0 ? 'extension' : 'tuple';
          break;
        }
        case 'extension': {
          const n = Math.min(this.remaining, data.length - at);
          at += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = 'tuple';
          break;
        }
        case 'tuple': {
          const count = take(2);
          if (!count) break;
          const n = count.readInt16BE(0);
          if (n === -1) this.state = 'end';
          else {
            this.tuples += 1;
            this.fieldsLeft = n;
            this.state = n > 0 ? 'length' : 'tuple';
          }
          break;
        }
        case 'length': {
          const length = take(4);
          if (!length) break;
          this.remaining = length.readInt32BE(0);
          if (this.remaining > 0) this.state = 'field';
          else fieldDone();
          break;
        }
        case 'field': {
          const n = Math.min(this.remaining, data.length - at);
          fields.push(data.subarray(at, at + n));
          at += n;
          this.remaining -= n;
          if (this.remaining === 0) fieldDone();
          break;
        }
        case 'end':
          throw new Error('Data after the trailer of a binary COPY');
      }
    }
    return fields;
  }
}
