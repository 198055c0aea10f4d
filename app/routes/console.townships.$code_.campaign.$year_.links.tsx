/**
 * 代表提交链接: a printable sheet of each deputy's own link to the campaign's form, with its QR code.
 * Keys are made only by the POST and exist only in its response (the server keeps their hashes);
 * a new sheet replaces every earlier link.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ActionAlert, useConsoleActionData, type ConsoleActionData } from "~/components/console/ActionAlert";
import { SubmitButton } from "~/components/console/SubmitButton";
import { collectionMessages as m } from "~/messages/collection";
import { commonMessages as t } from "~/messages/common";
import { consoleMessages as c } from "~/messages/console";
import { requireClerkOfTownshipYear, staffActor } from "~/services/auth.server";
import { linksView, linkSheet, type LinkCard } from "~/services/collection-views.server";
import { issueProposalLinks } from "~/services/collection.server";
import { Refusal } from "~/services/refusal";
import styles from "~/styles/poster.css";
import { publicOrigin } from "~/utils/env.server";
import { formatTime } from "~/utils/format";
import { readFormData } from "~/utils/forms";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${m.links.metaTitle(data.year)} · ${t.app.title}` : t.app.title }];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const { township, year, user } = await requireClerkOfTownshipYear(request, params);
  const view = await linksView(township.id, year);
  if (!view) throw new Response(m.public.notFound, { status: 404 });
  return { township, user, view, year };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { township, view, year } = await load(request, params);
  return json({ township: { code: township.code, name: township.name }, year, ...view });
}

type LinksActionData = ConsoleActionData & { cards?: LinkCard[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  if (intent !== "issue") return json<LinksActionData>({ ok: false, intent, message: c.errors.unknownIntent }, { status: 400 });
  const { township, user, view, year } = await load(request, params);
  try {
    const issued = await issueProposalLinks(staffActor(user, request), view.campaignId);
    return json<LinksActionData>({ ok: true, intent, message: "", cards: linkSheet(publicOrigin(request), township.code, year, issued) });
  } catch (error) {
    if (error instanceof Refusal) return json<LinksActionData>({ ok: false, intent, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function DeputyLinks() {
  const { township, year, issued, approved } = useLoaderData<typeof loader>();
  const actionData = useConsoleActionData<LinksActionData>();
  const back = `/console/townships/${township.code}/campaign/${year}`;
  const cards = actionData?.ok ? actionData.cards : undefined;
  return (
    <>
      <nav aria-label={c.breadcrumbs} className="breadcrumbs">
        <Link to="/console">{c.title}</Link> › <Link to={`/console/townships/${township.code}`}>{township.name}</Link> ›{" "}
        <Link to={back}>{m.console.heading(year)}</Link> › <span>{m.links.heading}</span>
      </nav>
      <h1 className="no-print">{m.links.heading}</h1>
      {cards ? (
        <>
          <p className="no-print">
            <button type="button" className="button primary" onClick={() => window.print()}>
              {m.links.print}
            </button>
          </p>
          <h2 className="visually-hidden">{m.links.sheetHeading(cards.length)}</h2>
          <ul className="link-cards" aria-label={m.links.sheetHeading(cards.length)}>
            {cards.map((card) => (
              <li key={card.name + card.url} className="link-card">
                <p className="link-card-name">{card.name}</p>
                {/* uqr's SVG of the link: made on the server, no user markup in it. */}
                <div className="poster-qr" role="img" aria-label={m.links.scan} dangerouslySetInnerHTML={{ __html: card.qrSvg }} />
                <p className="poster-scan">{m.links.scan}</p>
                <p className="poster-url">{card.url}</p>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <div className="stack panel narrow-wide">
          <p className="note">{m.links.lead}</p>
          <p>{issued.count > 0 && issued.issuedAt ? m.links.issued(issued.count, formatTime(issued.issuedAt)) : m.links.none}</p>
          {approved ? (
            <p className="note">{m.links.frozen}</p>
          ) : (
            <Form
              method="post"
              onSubmit={(event) => {
                if (issued.count > 0 && !window.confirm(m.links.confirm)) event.preventDefault();
              }}
            >
              <input type="hidden" name="intent" value="issue" />
              <SubmitButton className="button primary">{issued.count > 0 ? m.links.reissue : m.links.issue}</SubmitButton>
            </Form>
          )}
          <ActionAlert data={actionData} intent="issue" />
        </div>
      )}
      <p className="no-print">
        <Link to={back}>{m.links.back}</Link>
      </p>
    </>
  );
}
