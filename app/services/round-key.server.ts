/**
 * 计票密钥 — the key of a secret (无记名) round, and the sealing of its ballots with it
 * (docs/decisions/006-secret-ballots-sealed-until-counted.md).
 *
 * The key card carries a 128-bit secret as 28 characters (26 for the secret, 2 for a checksum that
 * catches a mistyped character); the round's X25519 private key is derived from it, and only the
 * public part is stored. Every ballot cast in the round is sealed to that public key, one
 * authenticated ciphertext per project, so that the database files alone never show a choice.
 * At the count the chief teller's card opens them.
 *
 * Sealing follows ECIES: X25519 agreement with an ephemeral key, HKDF-SHA256, AES-256-GCM. The
 * ephemeral key is made once per round and process, not per ballot (its private part is dropped
 * at once; only the derived AES key stays in memory): that saves two curve operations on the
 * tablets' hot path, and the cells stay apart through their nonces. Node's own crypto only.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import type { Choice } from "~/domain/tally";

const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I, as on receipts and sign-in cards
const SECRET_BYTES = 16;
const SECRET_CHARS = 26; // 130 bits ≥ 128
const CHECK_CHARS = 2;
/** The card's code as printed: 7 groups of 4. */
export const KEY_CODE_PATTERN = /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){6}$/;

const PKCS8_X25519 = Buffer.from("302e020100300506032b656e04220420", "hex");
const SEALED_VERSION = 1;
const EPHEMERAL_BYTES = 32;
const NONCE_BYTES = 8;
const TAG_BYTES = 16;
const CELL_BYTES = 1 + TAG_BYTES;
const HEADER_BYTES = 1 + EPHEMERAL_BYTES + NONCE_BYTES;
const CHOICE_CODE: Record<Choice, number> = { yes: 1, no: 2, abstain: 3 };
const CODE_CHOICE: Array<Choice | null> = [null, "yes", "no", "abstain"];

// ---------------------------------------------------------------------------------------------
// The key card

export interface RoundKey {
  /** What the card shows, e.g. "K7MQ-4XZ2-…" (28 characters in 7 groups). Never stored. */
  code: string;
  /** The public part (base64url, 32 bytes): stored on the round. */
  publicKey: string;
}

export function newRoundKey(): RoundKey {
  const secret = randomBytes(SECRET_BYTES);
  return { code: formatCode(secret), publicKey: publicPartOf(privateKeyOf(secret)) };
}

export type KeyCodeReading = { ok: true; privateKey: KeyObject; publicKey: string } | { ok: false; problem: "format" | "checksum" };

/** Reads a code as typed (any case, with or without dashes or spaces) or as scanned from the card's QR. */
export function readKeyCode(typed: string): KeyCodeReading {
  const compact = typed.toUpperCase().replace(/[\s\-–—_]/g, "");
  if (compact.length !== SECRET_CHARS + CHECK_CHARS || [...compact].some((ch) => !ALPHABET.includes(ch))) return { ok: false, problem: "format" };
  let value = 0n;
  for (const ch of compact.slice(0, SECRET_CHARS)) value = (value << 5n) | BigInt(ALPHABET.indexOf(ch));
  if (value >> BigInt(SECRET_BYTES * 8) !== 0n) return { ok: false, problem: "format" };
  const secret = Buffer.from(value.toString(16).padStart(SECRET_BYTES * 2, "0"), "hex");
  if (checksumOf(secret) !== compact.slice(SECRET_CHARS)) return { ok: false, problem: "checksum" };
  const privateKey = privateKeyOf(secret);
  return { ok: true, privateKey, publicKey: publicPartOf(privateKey) };
}

/** A short, printable fingerprint of a round's public key ("7KQM-4XZ2"): matches a card to its round. */
export function keyFingerprint(publicKey: string): string {
  const digest = createHash("sha256").update(Buffer.from(publicKey, "base64url")).digest();
  const chars = [...digest.subarray(0, 8)].map((byte) => ALPHABET[byte % 32]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

function formatCode(secret: Buffer): string {
  let value = BigInt(`0x${secret.toString("hex")}`);
  let chars = "";
  for (let i = 0; i < SECRET_CHARS; i += 1) {
    chars = ALPHABET[Number(value & 31n)] + chars;
    value >>= 5n;
  }
  return `${chars}${checksumOf(secret)}`.match(/.{4}/g)!.join("-");
}

function checksumOf(secret: Buffer): string {
  const digest = createHash("sha256").update("minsheng-piaojue key card check|").update(secret).digest();
  return ALPHABET[digest[0]! % 32]! + ALPHABET[digest[1]! % 32]!;
}

function privateKeyOf(secret: Buffer): KeyObject {
  const scalar = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "minsheng-piaojue round key v1", 32));
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519, scalar]), format: "der", type: "pkcs8" });
}

function publicPartOf(key: KeyObject): string {
  return createPublicKey(key).export({ format: "jwk" }).x!;
}

function publicKeyObject(raw: string): KeyObject {
  return createPublicKey({ key: { kty: "OKP", crv: "X25519", x: raw }, format: "jwk" });
}

// ---------------------------------------------------------------------------------------------
// Sealing and opening ballots

function cellKey(agreement: Buffer, ephemeral: Buffer, publicKey: string, roundId: number): Buffer {
  const salt = Buffer.concat([ephemeral, Buffer.from(publicKey, "base64url")]);
  return Buffer.from(hkdfSync("sha256", agreement, salt, `minsheng-piaojue sealed ballot v1|round:${roundId}`, 32));
}

function cellNonce(ballotNonce: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  ballotNonce.copy(nonce, 0);
  nonce.writeUInt32BE(index, NONCE_BYTES);
  return nonce;
}

/** Binds each cell to its round and project: a cell moved to another round or project does not open. */
function cellLabel(roundId: number, candidateId: string): Buffer {
  return Buffer.from(`round:${roundId}|candidate:${candidateId}`);
}

interface Sealer {
  publicKey: string;
  ephemeral: Buffer;
  key: Buffer;
}
const sealers = new Map<number, Sealer>();

function sealerFor(roundId: number, publicKey: string): Sealer {
  const cached = sealers.get(roundId);
  if (cached && cached.publicKey === publicKey) return cached;
  const pair = generateKeyPairSync("x25519");
  const ephemeral = Buffer.from(pair.publicKey.export({ format: "jwk" }).x!, "base64url");
  const agreement = diffieHellman({ privateKey: pair.privateKey, publicKey: publicKeyObject(publicKey) });
  const sealer = { publicKey, ephemeral, key: cellKey(agreement, ephemeral, publicKey, roundId) };
  sealers.set(roundId, sealer);
  return sealer;
}

/**
 * A ballot sealed to the round's public key: every project of the round gets a cell, marked or
 * not, so the length is the same for every ballot of the round.
 */
export function sealBallot(roundId: number, publicKey: string, candidateIds: string[], choices: Partial<Record<string, Choice>>): Buffer {
  const { ephemeral, key } = sealerFor(roundId, publicKey);
  const ballotNonce = randomBytes(NONCE_BYTES);
  const parts = [Buffer.from([SEALED_VERSION]), ephemeral, ballotNonce];
  candidateIds.forEach((candidateId, index) => {
    const choice = choices[candidateId];
    const cipher = createCipheriv("aes-256-gcm", key, cellNonce(ballotNonce, index));
    cipher.setAAD(cellLabel(roundId, candidateId));
    parts.push(cipher.update(Buffer.from([choice ? CHOICE_CODE[choice] : 0])), cipher.final(), cipher.getAuthTag());
  });
  return Buffer.concat(parts);
}

/** Opens the sealed ballots of a round with its private key; null when any of them does not open. */
export function unsealBallots(roundId: number, privateKey: KeyObject, candidateIds: string[], sealed: Buffer[]): Array<Partial<Record<string, Choice>>> | null {
  const publicKey = publicPartOf(privateKey);
  const keys = new Map<string, Buffer>();
  const opened: Array<Partial<Record<string, Choice>>> = [];
  for (const ballot of sealed) {
    if (ballot.length !== HEADER_BYTES + CELL_BYTES * candidateIds.length || ballot[0] !== SEALED_VERSION) return null;
    const ephemeral = ballot.subarray(1, 1 + EPHEMERAL_BYTES);
    const ballotNonce = ballot.subarray(1 + EPHEMERAL_BYTES, HEADER_BYTES);
    const id = ephemeral.toString("hex");
    let key = keys.get(id);
    if (!key) {
      const agreement = diffieHellman({ privateKey, publicKey: publicKeyObject(ephemeral.toString("base64url")) });
      key = cellKey(agreement, ephemeral, publicKey, roundId);
      keys.set(id, key);
    }
    const choices: Partial<Record<string, Choice>> = {};
    for (const [index, candidateId] of candidateIds.entries()) {
      const at = HEADER_BYTES + index * CELL_BYTES;
      const decipher = createDecipheriv("aes-256-gcm", key, cellNonce(ballotNonce, index));
      decipher.setAAD(cellLabel(roundId, candidateId));
      decipher.setAuthTag(ballot.subarray(at + 1, at + CELL_BYTES));
      let code: number;
      try {
        code = Buffer.concat([decipher.update(ballot.subarray(at, at + 1)), decipher.final()])[0]!;
      } catch {
        return null;
      }
      if (code >= CODE_CHOICE.length) return null;
      const choice = CODE_CHOICE[code];
      if (choice) choices[candidateId] = choice;
    }
    opened.push(choices);
  }
  return opened;
}
