import { Form } from "@remix-run/react";
import { c } from "~/messages/console";
import { SubmitButton } from "./SubmitButton";

export interface RosterRowView {
  deputyId: number;
  seatNo: number;
  name: string;
  status: "present" | "leave" | "absent";
  checkedInBy: string | null;
  tellerRole: "none" | "chief" | "teller";
  pass: "issued" | "used" | null;
  voted: boolean | null;
}

const STATUS_BUTTONS = [
  ["present", c.session.markPresent],
  ["leave", c.session.markLeave],
  ["absent", c.session.markAbsent],
] as const;

/** 代表名单与签到: one row per deputy, with check-in buttons and the current round's 已投票 marker. */
export function RosterTable({ rows, currentRound, present, seated }: {
  rows: RosterRowView[];
  currentRound: number | null;
  present: number;
  seated: number;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table roster">
        <caption>{c.session.rosterCaption(present, seated)}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">{c.session.seat}</th>
            <th scope="col">{c.session.name}</th>
            <th scope="col">{c.session.status}</th>
            {currentRound !== null && <th scope="col">{c.session.voted(currentRound)}</th>}
            <th scope="col">{c.session.actions}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.deputyId} className={`status-${row.status}`}>
              <td className="num">{row.seatNo}</td>
              <th scope="row">
                {row.name}
                {row.tellerRole !== "none" && (
                  <span className="tag teller-tag">{row.tellerRole === "chief" ? c.session.chief : c.session.teller}</span>
                )}
              </th>
              <td>
                <span className={`status-badge ${row.status}`}>{c.attendance.status[row.status]}</span>
                {row.status === "present" && row.checkedInBy && (
                  <small className="muted checked-in-by">{c.attendance.by[row.checkedInBy]}</small>
                )}
              </td>
              {currentRound !== null && (
                <td>
                  {row.voted === true ? (
                    <span className="voted-mark">✔ {c.session.votedYes}</span>
                  ) : row.voted === false ? (
                    <span className="muted">{c.session.votedNo}</span>
                  ) : (
                    <span className="muted">{c.session.notIssued}</span>
                  )}
                </td>
              )}
              <td>
                <div className="row-actions">
                  <Form method="post" className="inline-form" aria-label={`${row.name} ${c.session.status}`}>
                    <input type="hidden" name="intent" value="attendance" />
                    <input type="hidden" name="deputyId" value={row.deputyId} />
                    {STATUS_BUTTONS.map(([status, label]) => (
                      <SubmitButton
                        key={status}
                        name="status"
                        value={status}
                        className={`button small${row.status === status ? " current" : status === "present" ? " primary" : ""}`}
                        disabled={row.status === status}
                      >
                        {label}
                        <span className="visually-hidden">：{row.name}</span>
                      </SubmitButton>
                    ))}
                  </Form>
                  <DeputyAction intent="pass" deputyId={row.deputyId} name={row.name} label={c.session.issuePass} />
                  {row.pass && <small className="muted pass-state">{row.pass === "used" ? c.session.passUsed : c.session.passIssued}</small>}
                  {row.pass && <DeputyAction intent="revoke-pass" deputyId={row.deputyId} name={row.name} label={c.session.revokePass} />}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A one-button form acting on one deputy of the roster; the button's name says whom. */
function DeputyAction({ intent, deputyId, name, label }: { intent: string; deputyId: number; name: string; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="deputyId" value={deputyId} />
      <SubmitButton className="button small">
        {label}
        <span className="visually-hidden">：{name}</span>
      </SubmitButton>
    </Form>
  );
}
