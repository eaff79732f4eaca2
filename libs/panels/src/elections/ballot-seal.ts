import {
  type KeyObject,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomInt,
} from 'node:crypto';

/*
 * Sealed ballots (libs/panels/README.md, Ballot secrecy). At the cast a ballot (its receipt and
 * its ranking) is encrypted to the election's X25519 public key with a key pair of its own
 * (ECIES: ephemeral-static ECDH, HKDF-SHA256, AES-256-GCM), so the database holds only a blob that
 * nobody without the ballot secret can open. The election's private key is derived from the
 * secret and the election's id and is never stored; the close derives it, opens every ballot and
 * stores them in clear, shuffled, with nothing of the cast.
 */

/** A ballot as sealed at the cast and opened at the close. */
export interface BallotContent {
  receipt: string;
  /** Roster person ids, most preferred first. */
  ranking: string[];
}

export interface ElectionKeyPair {
  /** Raw X25519 public key (32 bytes), stored on the election at opening. */
  publicKey: Buffer;
  privateKey: KeyObject;
}

/** Thrown when a sealed ballot cannot be opened: another secret, or a blob that is not a ballot. */
export class SealedBallotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedBallotError';
  }
}

const VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_BYTES + IV_BYTES;
// DER wrappers of a raw X25519 key (RFC 8410): node:crypto imports and exports keys in DER.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
const KEY_SALT = Buffer.from('dispute-body election ballot key v1');
const SEAL_INFO = Buffer.from('dispute-body sealed ballot v1');
const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The election's key pair, derived from the ballot secret and the election's id. */
export function electionKeyPair(secret: string, electionId: string): ElectionKeyPair {
  const seed = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), KEY_SALT, Buffer.from(electionId, 'utf8'), KEY_BYTES));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, seed]), format: 'der', type: 'pkcs8' });
  return { publicKey: rawPublicKey(createPublicKey(privateKey)), privateKey };
}

/**
 * The ballot encrypted to the election's public key. The plaintext is padded to the length of a
 * ballot ranking every candidate, so every sealed ballot of an election has the same length and
 * the length of a ranking (published after the close) cannot tie a sealed ballot to its ballot.
 */
export function sealBallot(publicKey: Buffer, electionId: string, ballot: BallotContent, candidates: number): Buffer {
  const text = JSON.stringify({ receipt: ballot.receipt, ranking: ballot.ranking });
  const length = paddedLength(candidates);
  if (Buffer.byteLength(text) > length) throw new Error('The ballot ranks more candidates than the election has');
  const plaintext = Buffer.from(text.padEnd(length, ' '), 'utf8');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = rawPublicKey(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: importPublicKey(publicKey) });
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', aesKey(shared, ephemeralPublic, publicKey), iv);
  cipher.setAAD(associatedData(electionId));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), ephemeralPublic, iv, body, cipher.getAuthTag()]);
}

/** Opens a sealed ballot of this election; throws {@link SealedBallotError} if it cannot. */
export function openBallot(keys: ElectionKeyPair, electionId: string, sealed: Buffer): BallotContent {
  if (sealed.length < HEADER_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new SealedBallotError('Not a sealed ballot');
  const ephemeralPublic = sealed.subarray(1, 1 + KEY_BYTES);
  const iv = sealed.subarray(1 + KEY_BYTES, HEADER_BYTES);
  const body = sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES);
  let plaintext: Buffer;
  try {
    const shared = diffieHellman({ privateKey: keys.privateKey, publicKey: importPublicKey(ephemeralPublic) });
    const decipher = createDecipheriv('aes-256-gcm', aesKey(shared, ephemeralPublic, keys.publicKey), iv);
    decipher.setAAD(associatedData(electionId));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    plaintext = Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new SealedBallotError('The sealed ballot does not open with this election’s key');
  }
  let content: unknown;
  try {
    content = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new SealedBallotError('The sealed ballot holds no ballot');
  }
  const { receipt, ranking } = (content ?? {}) as Partial<BallotContent>;
  if (
    typeof receipt !== 'string' ||
    !RECEIPT.test(receipt) ||
    !Array.isArray(ranking) ||
    !ranking.every((id) => typeof id === 'string' && UUID.test(id))
  ) {
    throw new SealedBallotError('The sealed ballot holds no ballot');
  }
  return { receipt, ranking };
}

/** A uniformly random permutation (Fisher–Yates with the system's cryptographic generator). */
export function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The plaintext length of every sealed ballot of an election with this many candidates. */
export function paddedLength(candidates: number): number {
  return JSON.stringify({ receipt: 'XXXX-XXXX-XXXX-XXXX', ranking: Array.from({ length: candidates }, () => '0'.repeat(36)) }).length;
}

function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);
}

function importPublicKey(raw: Buffer): KeyObject {
  if (raw.length !== KEY_BYTES) throw new SealedBallotError('Not an X25519 public key');
  return createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });
}

function aesKey(shared: Buffer, ephemeralPublic: Buffer, electionPublic: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralPublic, electionPublic]), SEAL_INFO, KEY_BYTES));
}

// A sealed ballot opens only as a ballot of its own election: one copied to another fails.
function associatedData(electionId: string): Buffer {
  return Buffer.from(`ballot:${electionId}`, 'utf8');
}
