/** The two tables of a notice: every project's votes, and the selected projects with their facts. */
import type { BallotForm } from "~/domain/tally";
import { markChoices, markLabel } from "~/messages/common";
import type { NoticeProject } from "~/services/public-views.server";
import { formatInteger, formatWanWithUnit } from "~/utils/format";
import { publicMessages } from "~/messages/public";

/** A project row as the notice view gives it (the content text is not shown in the tables). */
export type NoticeTableProject = Omit<NoticeProject, "content">;

const n = publicMessages.notice;

/** Each project's votes, or on a rating notice its ratings (满意 / 基本满意 / 不满意 / 未评) and grade. */
export function VotesTable({ projects, form }: { projects: NoticeTableProject[]; form: BallotForm }) {
  const marks = markChoices(form === "rating" ? "rating" : "per-project");
  return (
    <table className="data-table notice-table notice-votes">
      <caption>{form === "rating" ? n.ratingCaption : n.votesCaption}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {n.position}
          </th>
          <th scope="col">{n.project}</th>
          {marks.map(({ choice, label }) => (
            <th scope="col" className="num" key={choice}>
              {label}
            </th>
          ))}
          <th scope="col" className="num">
            {markLabel(form, undefined)}
          </th>
          <th scope="col">{form === "rating" ? n.grade : n.result}</th>
        </tr>
      </thead>
      <tbody>
        {projects.map((project) => (
          <tr key={project.id} className={project.outcome === "selected" ? "is-selected" : undefined}>
            <td className="num">{project.position}</td>
            <th scope="row">{project.name}</th>
            {marks.map(({ choice }) => (
              <td className="num" key={choice}>
                {formatInteger(project[choice])}
              </td>
            ))}
            <td className="num">{formatInteger(project.notVoted)}</td>
            <td className="notice-verdict">
              {project.outcome === "selected" && <span aria-hidden="true">✓ </span>}
              {project.outcomeLabel}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SelectedTable({ projects }: { projects: NoticeTableProject[] }) {
  if (projects.length === 0) return <p>{n.noneSelected}</p>;
  const total = projects.reduce((sum, project) => sum + project.investmentCents, 0);
  return (
    <table className="data-table notice-table notice-selected">
      <caption>{n.selectedCaption}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {n.position}
          </th>
          <th scope="col">{n.project}</th>
          <th scope="col" className="num">
            {n.investment}
          </th>
          <th scope="col">{n.fundingSource}</th>
          <th scope="col">{n.responsibleUnit}</th>
          <th scope="col">{n.plannedCompletion}</th>
        </tr>
      </thead>
      <tbody>
        {projects.map((project, index) => (
          <tr key={project.id}>
            <td className="num">{index + 1}</td>
            <th scope="row">{project.name}</th>
            <td className="num">{formatWanWithUnit(project.investmentCents)}</td>
            <td>{project.fundingSource}</td>
            <td>{project.responsibleUnit}</td>
            <td>{project.plannedCompletion}</td>
          </tr>
        ))}
      </tbody>
      {projects.length > 1 && (
        <tfoot>
          <tr>
            <td />
            <th scope="row">{n.total}</th>
            <td className="num">{formatWanWithUnit(total)}</td>
            <td colSpan={3} />
          </tr>
        </tfoot>
      )}
    </table>
  );
}

export function ReceiptList({ receipts }: { receipts: string[] }) {
  if (receipts.length === 0) return <p>{n.noReceipts}</p>;
  return (
    <>
      <p className="notice-small">{n.receiptsNote(receipts.length)}</p>
      <ul className="receipt-list" aria-label={n.receiptsHeading}>
        {receipts.map((receipt) => (
          <li key={receipt}>{receipt}</li>
        ))}
      </ul>
    </>
  );
}
