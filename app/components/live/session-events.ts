/**
 * The one subscription to a session's live snapshot (GET /sessions/:id/events) for every page that
 * follows a session: the tablet, the big screen and the console. utils/live-client.ts reconnects and
 * backs off after refusals; this hook parses each snapshot, hands it to the page, reports whether the
 * stream is up so the page can say so, and closes the stream when the page goes away.
 * Server-rendered pages work without it.
 */
import { useEffect, useRef, useState } from "react";
import type { LiveSnapshot } from "~/services/live.server";
import { followSession, type StreamState } from "~/utils/live-client";

export type { StreamState };

export function useSessionEvents(sessionId: number, onSnapshot: (snapshot: LiveSnapshot) => void): StreamState {
  const handler = useRef(onSnapshot);
  handler.current = onSnapshot;
  const [state, setState] = useState<StreamState>("connecting");

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    return followSession(sessionId, {
      state: setState,
      snapshot: (data) => {
        let snapshot: LiveSnapshot;
        try {
          snapshot = JSON.parse(data) as LiveSnapshot;
        } catch {
          return; // A malformed frame is dropped; the next change sends a whole new snapshot.
        }
        handler.current(snapshot);
      },
    });
  }, [sessionId]);

  return state;
}
