/**
 * 打印纸质选票: a paper round's ballot papers, A4, one per printed page. A secret round prints
 * identical papers (`?count=` chooses how many); a recorded round prints one per deputy.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { consoleMessages as c } from "~/messages/console";
import { markChoices, commonMessages as t } from "~/messages/common";
import { paperPrintMessages as m } from "~/messages/paper-print";
import { paperPrintView, printedPapers, type PrintedPaper } from "~/services/paper-print.server";
import { requireClerkOf } from "~/services/auth.server";
import { requireId } from "~/utils/params";
import ballotStyles from "~/styles/ballot-papers.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: ballotStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${m.heading} · ${data?.print.session.title ?? ""} · ${t.app.title}` }];

const CountSchema = z.coerce.number().int().min(1).max(500);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionId = requireId(params.sessionId, c.errors.sessionNotFound);
  const roundId = requireId(params.roundId, c.errors.roundNotFound);
  const view = await paperPrintView(sessionId, roundId);
  if (!view) throw new Response(c.errors.roundNotFound, { status: 404 });
  await requireClerkOf(request, view.townshipId);
  const { townshipId: _townshipId, ...print } = view;
  if (print.medium !== "paper") return json({ print, papers: [] as PrintedPaper[], count: 0, countMessage: null as string | null });
  const asked = new URL(request.url).searchParams.get("count");
  let count = print.defaultCount;
  let countMessage: string | null = null;
  if (print.round.secret && asked !== null) {
    const parsed = CountSchema.safeParse(asked.trim() === "" ? undefined : asked);
    if (parsed.success) count = parsed.data;
    else countMessage = m.countInvalid;
  }
  const papers = printedPapers(print, count);
  return json({ print, papers, count: papers.length, countMessage });
}

function Paper({ paper }: { paper: PrintedPaper }) {
  const k = m.columns;
  return (
    <article className="ballot-paper">
      <header>
        <p className="paper-session">
          {paper.township} {paper.sessionTitle}
        </p>
        <p className="paper-round">
          {paper.roundTitle}
          {paper.runoff && `（${m.runoff}）`}
        </p>
        <h2>{paper.title}</h2>
        <p className="paper-secrecy">（{paper.secrecy}）</p>
      </header>
      {paper.deputy && (
        <p className="paper-deputy">
          <span>
            {m.deputyName}：{paper.deputy.name}
          </span>
          <span>
            {m.seatNo}：{paper.deputy.seatNo}
          </span>
        </p>
      )}
      <ol className="paper-instructions">
        {paper.instructions.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <table>
        <thead>
          <tr>
            <th>{k.number}</th>
            <th>{k.name}</th>
            <th>{k.investment}</th>
            <th>{k.unit}</th>
            <th>{k.completion}</th>
            {markChoices(paper.form).map(({ choice, label }) => (
              <th key={choice}>{label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {paper.projects.map((project) => (
            <tr key={project.number}>
              <td>{project.number}</td>
              <td>{project.name}</td>
              <td>{project.investment}</td>
              <td>{project.responsibleUnit}</td>
              <td>{project.plannedCompletion}</td>
              {markChoices(paper.form).map(({ choice }) => (
                <td key={choice} className="mark-box" />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <footer>
        <span>{paper.footer}</span>
        <span className="paper-blank-line" />
      </footer>
    </article>
  );
}

export default function BallotPapersPage() {
  const { print, papers, count, countMessage } = useLoaderData<typeof loader>();
  const { session, round } = print;
  return (
    <>
      <div className="no-print">
        <nav aria-label={c.breadcrumbs} className="breadcrumbs">
          <Link to="/console">{c.title}</Link> › <Link to={`/console/sessions/${session.id}`}>{session.title}</Link> ›{" "}
          <Link to={`/console/sessions/${session.id}/rounds/${round.id}`}>{m.roundTitle(round.number)}</Link> › <span>{m.breadcrumb}</span>
        </nav>
        <h1>{m.heading}</h1>
        {print.medium !== "paper" ? (
          <p className="note">{m.tabletRound}</p>
        ) : (
          <>
            <p className="lead">{print.round.secret ? m.secretLead : m.recordedLead}</p>
            {countMessage && (
              <p className="flash error" role="alert">
                {countMessage}
              </p>
            )}
            {print.round.secret && (
              <Form method="get" className="action-row">
                <label>
                  {m.countLabel} <input type="number" name="count" min={1} max={500} defaultValue={count} />
                </label>
                <button type="submit" className="button">
                  {m.countApply}
                </button>
              </Form>
            )}
            <p>{m.willPrint(count)}</p>
            <div className="action-row">
              <button type="button" className="button primary print-button" onClick={() => window.print()}>
                {m.print}
              </button>
              <Link className="button" to={`/console/sessions/${session.id}/rounds/${round.id}`}>
                {m.backToRound}
              </Link>
            </div>
          </>
        )}
      </div>
      {papers.map((paper, i) => (
        <Paper key={i} paper={paper} />
      ))}
    </>
  );
}
