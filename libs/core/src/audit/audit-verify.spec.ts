import { PinoLoggerService, createLogger } from '../observability/logger';
import { parseCheckpoints } from './audit-verify';

const CHECKPOINT = {
  id: 'c1',
  seq: '42',
  hash: 'ab'.repeat(32),
  madeAt: '2026-12-06T00:00:00.000Z',
  reason: 'DAILY',
  meetingId: null,
  keyId: 'k1',
  signature: 'c2lnbmF0dXJl',
};
const EXPECTED = [
  { seq: '42', hash: CHECKPOINT.hash, madeAt: CHECKPOINT.madeAt, reason: 'DAILY', meetingId: null, keyId: 'k1', signature: 'c2lnbmF0dXJl' },
];

describe('parseCheckpoints from the worker log', () => {
  it('reads the checkpoint of a plain log line', () => {
    expect(parseCheckpoints(`[Nest] 12  - LOG [JobsService] Audit checkpoint ${JSON.stringify(CHECKPOINT)}\n`)).toEqual(EXPECTED);
  });

  it('reads it from the JSON lines the worker writes, one line or among others', () => {
    const lines: string[] = [];
    const logger = new PinoLoggerService(createLogger({ level: 'log', destination: { write: (line: string) => void lines.push(line) } }));
    logger.log(`Audit checkpoint ${JSON.stringify(CHECKPOINT)}`, 'JobsService');
    expect(parseCheckpoints(lines[0])).toEqual(EXPECTED);
    logger.log('Swept 3 disputes', 'JobsService');
    expect(parseCheckpoints(lines.join(''))).toEqual(EXPECTED);
  });

  it('still refuses a file with no checkpoint', () => {
    expect(() => parseCheckpoints('{"level":30,"msg":"Worker started"}')).toThrow(/holds no checkpoint/);
  });
});
