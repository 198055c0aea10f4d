import { consoleMessages as c } from "~/messages/console";
import { formatTime } from "~/utils/format";

export interface AuditRowView {
  id: number;
  at: string;
  actor: string;
  device: string;
  deviceFull: string;
  action: string;
  outcome: string;
  refused: boolean;
}

/** The tail of the session's audit log, folded by default. */
export function AuditLog({ rows }: { rows: AuditRowView[] }) {
  return (
    <details className="audit-log" id="audit">
      <summary>{c.audit.heading(rows.length)}</summary>
      {rows.length === 0 ? (
        <p className="note">{c.audit.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table compact">
            <caption>{c.audit.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{c.audit.at}</th>
                <th scope="col">{c.audit.actor}</th>
                <th scope="col">{c.audit.device}</th>
                <th scope="col">{c.audit.action}</th>
                <th scope="col">{c.audit.outcome}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={row.refused ? "refused" : undefined}>
                  <td className="nowrap">{formatTime(row.at)}</td>
                  <td>{row.actor}</td>
                  <td className="device" title={row.deviceFull}>
                    {row.device}
                  </td>
                  <td>{row.action}</td>
                  <td>{row.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
