/**
 * The benchmark's framework ceiling: the same path a ballot takes through Express and Remix
 * (cookie, form parsing, a redirect), with an action that stores nothing. Answers 404 unless the
 * server was started with BENCH_NOOP=1 (only `npm run bench` does that).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { env } from "~/utils/env.server";
import { tabletToken } from "~/utils/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  if (!env().BENCH_NOOP) throw new Response("Not Found", { status: 404 });
  await tabletToken(request);
  await request.formData();
  return redirect("/vote/receipt");
}

export async function loader() {
  throw new Response("Not Found", { status: 404 });
}
