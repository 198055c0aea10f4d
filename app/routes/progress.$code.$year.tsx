/** 实施情况: a township's selected projects of a year and how far each has got, public, read on a phone. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { commonMessages as t } from "~/messages/common";
import { implementationMessages as m } from "~/messages/implementation";
import { publicProgressView } from "~/services/implementation-views.server";
import styles from "~/styles/monitor.css";
import { formatWanWithUnit } from "~/utils/format";
import { campaignParams } from "~/utils/params";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${m.public.metaTitle(data.township.name, data.year)} · ${t.app.title}` : t.app.title },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const at = campaignParams(params);
  const view = at && (await publicProgressView(at.code, at.year));
  if (!view) throw new Response(m.public.notFound, { status: 404 });
  return json(view);
}

export default function ProgressPage() {
  const { township, year, projects } = useLoaderData<typeof loader>();
  return (
    <div className="monitor progress-page">
      <nav aria-label={t.app.home} className="breadcrumbs">
        <Link to="/">{t.register.province}</Link> › <span>{township.cityName}</span> › <span>{township.countyName}</span> ›{" "}
        <Link to={`/townships/${township.code}`}>{township.name}</Link>
      </nav>
      <h1>{m.public.heading(township.name, year)}</h1>
      <p className="note">{m.public.lead}</p>
      {projects.length === 0 ? (
        <p className="note">{m.public.none}</p>
      ) : (
        <ol className="outcome-list" aria-label={m.public.heading(township.name, year)}>
          {projects.map((project) => (
            <li key={project.candidateId}>
              <h2 className="project-name">{project.name}</h2>
              <p className="muted">
                {project.responsibleUnit} · {formatWanWithUnit(project.plan?.budgetCents ?? project.investmentCents)} ·{" "}
                <Link to={`/notices/${project.sessionId}/${project.noticeNo}`}>{m.public.noticeLink(project.noticeNo)}</Link>
              </p>
              {project.rating && (
                <p className={`rating-line grade-${project.rating.grade}`}>
                  <strong>{m.rating.grade(t.satisfaction[project.rating.grade])}</strong> · {m.rating.counts(project.rating)} ·{" "}
                  <Link to={`/notices/${project.rating.sessionId}/${project.rating.noticeNo}`}>{m.public.noticeLink(project.rating.noticeNo)}</Link>
                </p>
              )}
              {!project.plan || !project.progress ? (
                <p className="note">{m.public.noPlan}</p>
              ) : (
                <>
                  <p>
                    <strong>{m.projectState[project.progress.state]}</strong> · {m.public.progressLabel(project.progress.progress)}
                    {project.progress.overdue > 0 && <span className="tag warning"> {m.overdue(project.progress.overdue, project.progress.mostDaysLate)}</span>}
                  </p>
                  <progress max={100} value={project.progress.progress} aria-label={m.public.progressLabel(project.progress.progress)} />
                  <ul className="milestones">
                    {project.plan.milestones.map((milestone, index) => (
                      <li key={index} className={milestone.status.state === "overdue" ? "overdue" : undefined}>
                        {milestone.kind === "custom" ? milestone.name : m.milestone[milestone.kind]} · {m.day(milestone.plannedOn)} ·{" "}
                        {m.milestoneState(milestone.status)}
                      </li>
                    ))}
                  </ul>
                  {project.plan.latest && <p className="content-cell">{m.public.latest(project.plan.latest.reportedOn, project.plan.latest.text)}</p>}
                  {project.plan.inspections > 0 && <p className="muted">{m.public.inspections(project.plan.inspections)}</p>}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
