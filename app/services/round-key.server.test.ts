import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Choice } from "~/domain/tally";
import { KEY_CODE_PATTERN, keyFingerprint, newRoundKey, readKeyCode, sealBallot, unsealBallots } from "./round-key.server";

const candidates = ["11", "12", "13", "14", "15"];
const choiceArb = fc.dictionary(fc.constantFrom(...candidates), fc.constantFrom<Choice>("yes", "no", "abstain"));

function openWith(code: string) {
  const reading = readKeyCode(code);
  if (!reading.ok) throw new Error(reading.problem);
  return reading.privateKey;
}

describe("the round key card", () => {
  it("prints 28 characters in 7 groups, and reads back to the same public key", () => {
    const key = newRoundKey();
    expect(key.code).toMatch(KEY_CODE_PATTERN);
    expect(readKeyCode(key.code)).toMatchObject({ ok: true, publicKey: key.publicKey });
    // Typed in lower case, without dashes, with spaces: the same key.
    expect(readKeyCode(` ${key.code.toLowerCase().replace(/-/g, " ")} `)).toMatchObject({ ok: true, publicKey: key.publicKey });
    expect(Buffer.from(key.publicKey, "base64url")).toHaveLength(32);
  });

  it("catches every single mistyped character by its checksum or its format", () => {
    const key = newRoundKey();
    const compact = key.code.replace(/-/g, "");
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < compact.length; i += 1) {
      for (const ch of "23456789ABCDEFGHJKLMNPQRSTUVWXYZ") {
        if (ch === compact[i]) continue;
        tried += 1;
        const reading = readKeyCode(compact.slice(0, i) + ch + compact.slice(i + 1));
        // A change the 10-bit checksum does not see would be a different key, which the round's
        // public key refuses in turn; the checksum must catch almost all of them at once.
        if (!reading.ok || reading.publicKey !== key.publicKey) caught += 1;
      }
    }
    expect(caught).toBe(tried);
  });

  it("refuses codes of the wrong length or alphabet as a format problem", () => {
    const key = newRoundKey();
    expect(readKeyCode(key.code.slice(0, -1))).toEqual({ ok: false, problem: "format" });
    expect(readKeyCode(`${key.code}2`)).toEqual({ ok: false, problem: "format" });
    expect(readKeyCode(key.code.replace(/^./, "0"))).toEqual({ ok: false, problem: "format" });
    expect(readKeyCode("")).toEqual({ ok: false, problem: "format" });
    // 26 characters carry 130 bits; a first character above 128 bits is not a code this app printed.
    expect(readKeyCode(`Z${key.code.slice(1)}`)).toMatchObject({ ok: false });
  });

  it("gives each key its own fingerprint", () => {
    const a = newRoundKey();
    const b = newRoundKey();
    expect(keyFingerprint(a.publicKey)).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(keyFingerprint(a.publicKey)).not.toBe(keyFingerprint(b.publicKey));
  });
});

describe("sealed ballots", () => {
  it("open with the card to exactly what was sealed (property)", () => {
    const key = newRoundKey();
    const privateKey = openWith(key.code);
    fc.assert(
      fc.property(fc.array(choiceArb, { minLength: 1, maxLength: 20 }), (ballots) => {
        const sealed = ballots.map((choices) => sealBallot(7, key.publicKey, candidates, choices));
        expect(unsealBallots(7, privateKey, candidates, sealed)).toEqual(ballots);
      }),
      { numRuns: 100 },
    );
  });

  it("have one length for every ballot of a round, whatever was marked, and never repeat", () => {
    const key = newRoundKey();
    const empty = sealBallot(8, key.publicKey, candidates, {});
    const full = sealBallot(8, key.publicKey, candidates, Object.fromEntries(candidates.map((id) => [id, "abstain"])));
    const same = [sealBallot(8, key.publicKey, candidates, { "11": "yes" }), sealBallot(8, key.publicKey, candidates, { "11": "yes" })];
    expect(new Set([empty, full, ...same].map((ballot) => ballot.length))).toEqual(new Set([1 + 32 + 8 + 17 * candidates.length]));
    expect(same[0]!.equals(same[1]!)).toBe(false);
    // No choice word or code in the clear.
    for (const ballot of [empty, full, ...same]) expect(ballot.toString("latin1")).not.toMatch(/yes|no|abstain/);
  });

  it("do not open with another round's key, in another round, or after a bit was changed", () => {
    const key = newRoundKey();
    const other = newRoundKey();
    const sealed = sealBallot(9, key.publicKey, candidates, { "12": "no" });
    expect(unsealBallots(9, openWith(other.code), candidates, [sealed])).toBeNull();
    expect(unsealBallots(10, openWith(key.code), candidates, [sealed])).toBeNull();
    expect(unsealBallots(9, openWith(key.code), [...candidates].reverse(), [sealed])).toBeNull();
    for (const at of [0, 5, 40, 41, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at]! ^= 1;
      expect(unsealBallots(9, openWith(key.code), candidates, [tampered])).toBeNull();
    }
    expect(unsealBallots(9, openWith(key.code), candidates, [sealed.subarray(0, sealed.length - 1)])).toBeNull();
    expect(unsealBallots(9, openWith(key.code), candidates, [sealed])).toEqual([{ "12": "no" }]);
  });

  it("follow a new key when the card is issued again before the round opens", () => {
    const first = newRoundKey();
    const second = newRoundKey();
    const a = sealBallot(11, first.publicKey, candidates, { "13": "yes" });
    const b = sealBallot(11, second.publicKey, candidates, { "13": "yes" });
    expect(unsealBallots(11, openWith(first.code), candidates, [a])).toEqual([{ "13": "yes" }]);
    expect(unsealBallots(11, openWith(second.code), candidates, [b])).toEqual([{ "13": "yes" }]);
  });
});
