/** What the tellers' entry screens show beside paperEntryState: the session's roster. */
import * as sessions from "~/data/sessions.server";

export async function rosterOf(sessionId: number) {
  return sessions.roster(sessionId);
}
