import { Form, Link, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { consoleMessages as c } from "~/messages/console";
import type { ConsoleActionData } from "./ActionAlert";
import { rosterQueryMatcher } from "./roster-search";
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

const OTHER_STATUSES = [
  ["leave", c.session.markLeave],
  ["absent", c.session.markAbsent],
] as const;

const BULK_FORM = "bulk-check-in";

/**
 * 代表名单与签到 at the door of the hall: find a deputy by name or seat number (a GET ?q= filter that
 * works without JavaScript; with it, the list filters as the clerk types), one large 签到 per row,
 * and ticked deputies checked in at once. Those present have nothing to tick, so that a present
 * deputy's name labels one check box on the page: the tellers form's. Rows the query does not
 * match stay in the page hidden, so what was ticked before a new search is still sent.
 */
export function RosterTable({
  rows,
  currentRound,
  present,
  seated,
  actionData,
}: {
  rows: RosterRowView[];
  currentRound: number | null;
  present: number;
  seated: number;
  actionData: ConsoleActionData | undefined;
}) {
  const [searchParams] = useSearchParams();
  const urlQuery = searchParams.get("q") ?? "";
  const [query, setQuery] = useState(urlQuery);
  useEffect(() => setQuery(urlQuery), [urlQuery]);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    if (actionData?.ok && actionData.intent === "attendance-bulk") setSelected(new Set());
  }, [actionData]);

  const matches = useMemo(() => rosterQueryMatcher(query), [query]);
  const shown = rows.filter(matches);
  const toggle = (deputyId: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(deputyId);
      else next.delete(deputyId);
      return next;
    });
  const selectShown = () => setSelected((current) => new Set([...current, ...shown.filter((row) => row.status !== "present").map((row) => row.deputyId)]));
  const ticked = rows.filter((row) => selected.has(row.deputyId) && row.status !== "present").length;

  return (
    <div className="check-in">
      <Form method="get" role="search" className="check-in-search" preventScrollReset>
        <label className="field">
          <span>{c.session.search}</span>
          <input type="search" name="q" value={query} onChange={(event) => setQuery(event.currentTarget.value)} autoComplete="off" enterKeyHint="search" />
        </label>
        <button type="submit" className="button">
          {c.session.searchSubmit}
        </button>
        {query !== "" && (
          <Link className="button" to="?" preventScrollReset onClick={() => setQuery("")}>
            {c.session.searchAll}
          </Link>
        )}
      </Form>

      <Form method="post" id={BULK_FORM} className="check-in-bar" aria-label={c.session.checkInSelected(0)}>
        <input type="hidden" name="intent" value="attendance-bulk" />
        <SubmitButton className="button primary large">{c.session.checkInSelected(ticked)}</SubmitButton>
        {hydrated && (
          <button type="button" className="button" onClick={selectShown}>
            {c.session.selectShown}
          </button>
        )}
        {hydrated && selected.size > 0 && (
          <button type="button" className="button" onClick={() => setSelected(new Set())}>
            {c.session.clearSelection}
          </button>
        )}
        <p className="note">{c.session.checkInHint}</p>
      </Form>

      <p className="note" aria-live="polite">
        {shown.length === 0 ? c.session.searchNone(query.trim()) : query.trim() !== "" ? c.session.searchShown(shown.length, rows.length) : null}
      </p>

      <div className="table-scroll">
        <table className="data-table roster check-in-list">
          <caption>{c.session.rosterCaption(present, seated)}</caption>
          <thead>
            <tr>
              <th scope="col" className="select-cell">
                <span className="visually-hidden">{c.session.checkInSelected(0)}</span>
              </th>
              <th scope="col" className="num">
                {c.session.seat}
              </th>
              <th scope="col">{c.session.name}</th>
              <th scope="col">{c.session.status}</th>
              {currentRound !== null && <th scope="col">{c.session.voted(currentRound)}</th>}
              <th scope="col">{c.session.actions}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.deputyId} className={`status-${row.status}`} hidden={!matches(row)}>
                <td className="select-cell">
                  {row.status !== "present" && (
                    <label className="select-target">
                      <input
                        type="checkbox"
                        form={BULK_FORM}
                        name="deputyIds[]"
                        value={row.deputyId}
                        checked={selected.has(row.deputyId)}
                        onChange={(event) => toggle(row.deputyId, event.currentTarget.checked)}
                      />
                      <span className="visually-hidden">{c.session.select(row.name)}</span>
                    </label>
                  )}
                </td>
                <td className="num seat">{row.seatNo}</td>
                <th scope="row">
                  {row.name}
                  {row.tellerRole !== "none" && <span className="tag teller-tag">{row.tellerRole === "chief" ? c.session.chief : c.session.teller}</span>}
                </th>
                <td>
                  <span className={`status-badge ${row.status}`}>{c.attendance.status[row.status]}</span>
                  {row.status === "present" && row.checkedInBy && <small className="muted checked-in-by">{c.attendance.by[row.checkedInBy]}</small>}
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
                      {row.status !== "present" && (
                        <SubmitButton name="status" value="present" className="button primary check-in-button">
                          {c.session.markPresent}
                          <span className="visually-hidden">：{row.name}</span>
                        </SubmitButton>
                      )}
                      {OTHER_STATUSES.filter(([status]) => status !== row.status).map(([status, label]) => (
                        <SubmitButton key={status} name="status" value={status} className="button small">
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
