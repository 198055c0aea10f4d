/**
 * The benchmark's framework ceiling: the tablet's cast (cookie, JSON body, a JSON answer) taken
 * through Express and Remix, with an action that stores nothing — what the ballot's own path
 * (app/http/tablet-ballot.server.ts) saves by not going through Remix. Answers 404 unless the
 * server was started with BENCH_NOOP=1 (only `npm run bench` does that).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { env } from "~/utils/env.server";
import { tabletToken } from "~/services/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  if (!env().BENCH_NOOP) throw new Response("Not Found", { status: 404 });
  await tabletToken(request);
  await request.json();
  return json({ ok: true, receiptUrl: "/vote/receipt" });
}

export async function loader() {
  throw new Response("Not Found", { status: 404 });
}
