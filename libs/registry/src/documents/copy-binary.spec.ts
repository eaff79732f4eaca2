import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, CopyBinaryDecoder, copyBinaryTuple, int4Field, isUuid, uuidField } from './copy-binary';

/** The bytes of the fields of `stream` read in pieces of `size` bytes, and the decoder after them. */
function decodeInPieces(stream: Buffer, size: number): { bytes: Buffer; decoder: CopyBinaryDecoder } {
  const decoder = new CopyBinaryDecoder();
  const fields: Buffer[] = [];
  for (let at = 0; at < stream.length; at += size) fields.push(...decoder.push(stream.subarray(at, at + size)));
  return { bytes: Buffer.concat(fields), decoder };
}

describe('binary COPY framing', () => {
  it('opens with the signature PostgreSQL expects, no flags and no header extension, and ends with -1', () => {
    expect(COPY_BINARY_HEADER.toString('hex')).toBe('5047434f50590aff0d0a00' + '00000000' + '00000000');
    expect(COPY_BINARY_TRAILER.toString('hex')).toBe('ffff');
  });

  it('writes a tuple as its field count, then each length and bytes (NULL as -1)', () => {
    const tuple = copyBinaryTuple([uuidField('0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9'), int4Field(258), Buffer.from('xyz'), null]);
    expect(tuple.toString('hex')).toBe(
      '0004' + '00000010' + '0a1b2c3d4e5f40618293a4b5c6d7e8f9' + '00000004' + '00000102' + '00000003' + '78797a' + 'ffffffff',
    );
  });

  it('takes only a UUID as a uuid field', () => {
    expect(isUuid('0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9')).toBe(true);
    expect(isUuid("0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9'; --")).toBe(false);
    expect(() => uuidField('not-a-uuid')).toThrow('Not a UUID');
  });

  it('reads back the bytes of every field, in order, whatever the pieces the output comes in', () => {
    const a = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 251));
    const b = Buffer.from('second tuple');
    // A header extension (allowed by the format) and an empty field are skipped; a NULL gives nothing.
    const extension = Buffer.from('0000000000000003abcdef', 'hex');
    const stream = Buffer.concat([
      COPY_BINARY_HEADER.subarray(0, 11),
      extension,
      copyBinaryTuple([a]),
      copyBinaryTuple([Buffer.alloc(0), null]),
      copyBinaryTuple([b]),
      COPY_BINARY_TRAILER,
    ]);
    for (const size of [1, 2, 3, 5, 7, 19, 64, 301, stream.length]) {
      const { bytes, decoder } = decodeInPieces(stream, size);
      expect({ size, equal: bytes.equals(Buffer.concat([a, b])), tuples: decoder.tuples, ended: decoder.ended }).toEqual({
        size,
        equal: true,
        tuples: 3,
        ended: true,
      });
    }
  });

  it('hands the field bytes out as views of the pieces given, not copies', () => {
    const stream = Buffer.concat([COPY_BINARY_HEADER, copyBinaryTuple([Buffer.from('abcdef')]), COPY_BINARY_TRAILER]);
    const [field] = new CopyBinaryDecoder().push(stream);
    expect(field.buffer).toBe(stream.buffer);
  });

  it('says when the output is cut before its trailer, and refuses what is not a binary COPY or follows the trailer', () => {
    const stream = Buffer.concat([COPY_BINARY_HEADER, copyBinaryTuple([Buffer.from('abc')]), COPY_BINARY_TRAILER]);
    expect(decodeInPieces(stream.subarray(0, stream.length - 1), 4).decoder.ended).toBe(false);
    expect(decodeInPieces(stream.subarray(0, stream.length - 3), 4).decoder.ended).toBe(false);
    expect(() => new CopyBinaryDecoder().push(Buffer.from('id\tbytes\n1\t\\x00\n'.padEnd(40)))).toThrow('no PGCOPY signature');
    expect(() => new CopyBinaryDecoder().push(Buffer.concat([stream, Buffer.from([0])]))).toThrow('after the trailer');
  });
});
