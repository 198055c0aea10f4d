/**
 * The browser's side of the live stream (GET /sessions/:id/events), shared by the console, the
 * tablet and the big screen. EventSource reconnects by itself after a dropped stream (the server
 * asks for 2 s); a stream the server refused (401/403/404, or 503 when its limits are reached) it
 * gives up on, so this tries again later, backing off from 10 s to a minute with jitter, so that a
 * hall of tablets refused together does not come back together. A stream the server ended for good
 * ("replaced": the same tablet or login opened another; "revoked": the display link was replaced or
 * revoked) is not reopened.
 */
export type StreamState = "connecting" | "live" | "down" | "replaced" | "revoked";

const FIRST_RETRY_MS = 10_000;
const LAST_RETRY_MS = 60_000;

export function followSession(sessionId: number, on: { snapshot: (data: string) => void; state: (state: StreamState) => void }): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let refusals = 0;
  let stopped = false;

  const connect = () => {
    retry = null;
    const current = new EventSource(`/sessions/${sessionId}/events`);
    source = current;
    current.addEventListener("open", () => {
      refusals = 0;
      on.state("live");
    });
    current.addEventListener("snapshot", (event) => {
      on.state("live");
      on.snapshot((event as MessageEvent<string>).data);
    });
    current.addEventListener("end", (event) => {
      current.close();
      on.state((event as MessageEvent<string>).data === "revoked" ? "revoked" : "replaced");
    });
    current.addEventListener("error", () => {
      if (stopped || source !== current) return;
      on.state("down");
      if (current.readyState !== EventSource.CLOSED) return; // EventSource retries by itself
      const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** refusals) * (0.5 + Math.random());
      refusals += 1;
      retry = setTimeout(connect, delay);
    });
  };
  connect();

  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}
