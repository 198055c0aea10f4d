/**
 * 回执核对: a deputy checks that their ballot was counted. Public, and says only whether a receipt
 * is among the ballots of a published round — never who holds it, nor (secret rounds) what it says.
 * In a recorded round the deputy's own receipt page (/vote/receipt) shows their choices.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { publishedReceipt } from "~/data/ballots.server";
import { monitorMessages } from "~/messages/monitor";
import { receiptMessages } from "~/messages/receipts";
import { commonMessages as t } from "~/messages/common";

export const meta: MetaFunction = () => [{ title: `${receiptMessages.title} · ${t.app.title}` }];

const RECEIPT = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/;

function normalise(raw: string): string {
  const compact = raw.toUpperCase().replace(/[^0-9A-Z]/g, "");
  return compact.length === 10 ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` : raw.trim().slice(0, 20);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("code");
  if (raw === null) return json({ code: "", state: "ask" as const, found: null });
  const code = normalise(raw);
  if (!RECEIPT.test(code)) return json({ code, state: "invalid" as const, found: null }, { status: 400 });
  const found = await publishedReceipt(code);
  return json({ code, state: found ? ("found" as const) : ("missing" as const), found }, { status: found ? 200 : 404 });
}

export default function ReceiptCheckPage() {
  const { code, state, found } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{receiptMessages.title}</h1>
      <p className="lead">{receiptMessages.lead}</p>
      <Form method="get" className="stack">
        <label className="field">
          <span>{receiptMessages.code}</span>
          <input name="code" defaultValue={code} required maxLength={20} autoComplete="off" placeholder={receiptMessages.placeholder} />
        </label>
        <button className="button primary" type="submit">
          {receiptMessages.submit}
        </button>
      </Form>
      {state === "invalid" && (
        <p className="flash error" role="alert">
          {receiptMessages.invalid}
        </p>
      )}
      {state === "missing" && (
        <p className="flash error" role="alert">
          {receiptMessages.missing(code)}
        </p>
      )}
      {state === "found" && found && (
        <div className="flash" role="status">
          <p>
            {receiptMessages.counted(code, found.sessionTitle, found.roundNumber)}
            <Link to={`/notices/${found.sessionId}/${found.noticeNo}`}>{monitorMessages.township.notice(found.noticeNo)}</Link>。
            {found.valid === false && receiptMessages.invalidBallot}
          </p>
          {found.secret && <p>{receiptMessages.secret}</p>}
        </div>
      )}
    </section>
  );
}
