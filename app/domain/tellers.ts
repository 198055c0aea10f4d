/**
 * 总监票人 / 监票人 — the tellers the session approves (DOMAIN.md "Counting"). They are deputies
 * present at the session, none chosen twice; the chief teller confirms the count, in person, on
 * their own tablet.
 */
import type { RefusalReason } from "./refusals";

export type TellerRole = "none" | "chief" | "teller";

/** null when these deputies may be chosen as chief teller and tellers, else why not. */
export function refuseTellers(chiefId: number, tellerIds: readonly number[], present: ReadonlySet<number>): RefusalReason | null {
  const chosen = [chiefId, ...tellerIds];
  if (new Set(chosen).size !== chosen.length) return { code: "teller-chosen-twice" };
  if (chosen.some((id) => !present.has(id))) return { code: "teller-not-present" };
  return null;
}

/** The chief teller on a session's roster, or null before one is chosen. */
export function chiefTellerOf<R extends { tellerRole: string }>(roster: readonly R[]): R | null {
  return roster.find((row) => row.tellerRole === "chief") ?? null;
}

/** null when this deputy may confirm the count, else why not: only the chief teller may. */
export function refuseConfirmation(chief: { deputyId: number } | null, deputyId: number): RefusalReason | null {
  if (!chief) return { code: "no-chief-teller" };
  if (chief.deputyId !== deputyId) return { code: "not-chief-teller" };
  return null;
}
