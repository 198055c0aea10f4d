/**
 * 回执核对: a deputy checks that their ballot was counted. Public, and says only whether a receipt
 * is among the ballots of a published round — never who holds it, nor (secret rounds) what it says.
 * In a recorded round the deputy's own receipt page (/vote/receipt) shows their choices.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { publishedReceipt } from "~/data/ballots.server";

export const meta: MetaFunction = () => [{ title: "回执核对 · 民生实事票决" }];

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
      <h1>回执核对</h1>
      <p className="lead">输入平板上显示的回执码，核对您的选票是否计入已公告的表决结果。</p>
      <Form method="get" className="stack">
        <label className="field">
          <span>回执码</span>
          <input name="code" defaultValue={code} required maxLength={20} autoComplete="off" placeholder="例如 7KQM-4XZ2-HP" />
        </label>
        <button className="button primary" type="submit">核对</button>
      </Form>
      {state === "invalid" && <p className="flash error" role="alert">回执码格式不对：应为10位字母和数字，如 7KQM-4XZ2-HP。</p>}
      {state === "missing" && (
        <p className="flash error" role="alert">
          没有在已公告的表决结果中找到回执码 {code}。如本轮尚未公告，请在公告发布后再核对；如已公告仍找不到，请向会议主席团反映。
        </p>
      )}
      {state === "found" && found && (
        <div className="flash" role="status">
          <p>
            回执码 {code} 的选票已计入{found.sessionTitle}第{found.roundNumber}轮表决，见
            <Link to={`/notices/${found.sessionId}/${found.noticeNo}`}>公告第{found.noticeNo}号</Link>。
            {found.valid === false && "（该选票为无效票：赞成的项目多于应选名额。）"}
          </p>
          {found.secret && <p>无记名投票：公告只列出回执码，不与代表身份对应。</p>}
        </div>
      )}
    </section>
  );
}
