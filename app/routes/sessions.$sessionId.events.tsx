/**
 * Server-sent events: the live snapshot of a session, pushed after every change (throttled to at
 * most one query every 250 ms per stream). Plain HTTP, so it crosses the hall's Wi-Fi and proxies;
 * EventSource reconnects by itself after a drop.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { onSessionChange } from "~/services/events.server";
import { liveSnapshot } from "~/services/live.server";

const THROTTLE_MS = 250;
const HEARTBEAT_MS = 15_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionId = Number(params.sessionId);
  if (!Number.isSafeInteger(sessionId) || !(await liveSnapshot(sessionId))) throw new Response("没有这次会议。", { status: 404 });

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let timer: ReturnType<typeof setTimeout> | null = null;
      let lastSent = 0;
      const send = async () => {
        timer = null;
        lastSent = Date.now();
        const snapshot = await liveSnapshot(sessionId).catch(() => null);
        if (!closed && snapshot) controller.enqueue(encoder.encode(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`));
      };
      const schedule = () => {
        if (closed || timer) return;
        timer = setTimeout(send, Math.max(0, THROTTLE_MS - (Date.now() - lastSent)));
      };
      const unsubscribe = onSessionChange(sessionId, schedule);
      const heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(": keep-alive\n\n")), HEARTBEAT_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        if (timer) clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", close);
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      void send();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform keeps the compression middleware from buffering the stream.
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
