/** The two tables of a notice: every project's votes, and the selected projects with their facts. */
import type { NoticeProject } from "~/services/public-views.server";
import { formatInteger, formatWanWithUnit } from "~/utils/format";
import { publicMessages } from "~/messages/public";

/** A project row as the notice view gives it (the content text is not shown in the tables). */
export type NoticeTableProject = Omit<NoticeProject, "content">;

const n = publicMessages.notice;

export function VotesTable({ projects }: { projects: NoticeTableProject[] }) {
  return (
    <table className="data-table notice-table notice-votes">
      <caption>{n.votesCaption}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {n.position}
          </th>
          <th scope="col">{n.project}</th>
          <th scope="col" className="num">
            {n.yes}
          </th>
          <th scope="col" className="num">
            {n.no}
          </th>
          <th scope="col" className="num">
            {n.abstain}
          </th>
          <th scope="col" className="num">
            {n.notVoted}
          </th>
          <th scope="col">{n.result}</th>
        </tr>
      </thead>
      <tbody>
        {projects.map((project) => (
          <tr key={project.id} className={project.outcome === "selected" ? "is-selected" : undefined}>
            <td className="num">{project.position}</td>
            <th scope="row">{project.name}</th>
            <td className="num">{formatInteger(project.yes)}</td>
            <td className="num">{formatInteger(project.no)}</td>
            <td className="num">{formatInteger(project.abstain)}</td>
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
