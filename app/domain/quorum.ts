/**
 * 法定人数与过半数 — the two numbers every township congress vote turns on.
 *
 * Both are counted against the seated deputies (实有代表, "全体代表") of the township
 * congress when the round opens, never against those present or the ballots cast.
 */

function assertSeated(seated: number): void {
  if (!Number.isSafeInteger(seated)) {
    throw new RangeError(`seated must be an integer, got ${seated}`);
  }
  if (seated < 1) {
    throw new RangeError(`seated must be at least 1, got ${seated}`);
  }
}

/**
 * Quorum (法定人数): deputies who must be present for the session to vote.
 *
 * Local Organization Law (2022) Art. 14: a township congress session is held only when
 * "三分之二以上" of its deputies are present. In Chinese legal drafting 以上 includes the
 * bound, so two thirds exactly is enough: ceil(2 × seated / 3).
 */
export function quorumFor(seated: number): number {
  assertSeated(seated);
  // Integer form of ceil(2s/3); avoids any doubt about floating-point division.
  return Math.floor((2 * seated + 2) / 3);
}

/**
 * Pass threshold (全体代表的过半数): the yes votes a project needs.
 *
 * Local Organization Law (2022) Art. 25: resolutions and elections pass by a majority of
 * all deputies. 过半数 is strictly more than half, so 45 seated need 23 and 44 need 23.
 */
export function passThresholdFor(seated: number): number {
  assertSeated(seated);
  return Math.floor(seated / 2) + 1;
}
