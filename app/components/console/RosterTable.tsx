import { Form, Link, useFetcher, useSearchParams } from "@remix-run/react";
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
              <RosterRow
                key={row.deputyId}
                row={row}
                hidden={!matches(row)}
                currentRound={currentRound}
                selected={selected.has(row.deputyId)}
                onSelect={(on) => toggle(row.deputyId, on)}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * One deputy's row. Its attendance buttons post through a fetcher of its own: at the door the clerk
 * taps 签到 down the queue faster than each post returns, and page-level form posts would cancel one
 * another (and disable every button while one is on its way), losing taps. The row shows the status
 * it was given at once and a refusal on the row (the attendance board above counts the hall). Without
 * JavaScript the form is a plain post, as before.
 */
function RosterRow({
  row,
  hidden,
  currentRound,
  selected,
  onSelect,
}: {
  row: RosterRowView;
  hidden: boolean;
  currentRound: number | null;
  selected: boolean;
  onSelect: (on: boolean) => void;
}) {
  const fetcher = useFetcher<ConsoleActionData>();
  const pending = fetcher.formData?.get("status");
  const status = pending === "present" || pending === "leave" || pending === "absent" ? pending : row.status;
  const outcome = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    // aria-busy while the row's post (and the page's reload after it) is on its way.
    <tr className={`status-${status}`} hidden={hidden} aria-busy={fetcher.state !== "idle"}>
      <td className="select-cell">
        {status !== "present" && (
          <label className="select-target">
            <input
              type="checkbox"
              form={BULK_FORM}
              name="deputyIds[]"
              value={row.deputyId}
              checked={selected}
              onChange={(event) => onSelect(event.currentTarget.checked)}
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
        <span className={`status-badge ${status}`}>{c.attendance.status[status]}</span>
        {status === "present" && row.status === "present" && row.checkedInBy && (
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
          <fetcher.Form method="post" className="inline-form" aria-label={`${row.name} ${c.session.status}`}>
            <input type="hidden" name="intent" value="attendance" />
            <input type="hidden" name="deputyId" value={row.deputyId} />
            {status !== "present" && (
              <button type="submit" name="status" value="present" className="button primary check-in-button" disabled={fetcher.state !== "idle"}>
                {c.session.markPresent}
                <span className="visually-hidden">：{row.name}</span>
              </button>
            )}
            {OTHER_STATUSES.filter(([other]) => other !== status).map(([other, label]) => (
              <button key={other} type="submit" name="status" value={other} className="button small" disabled={fetcher.state !== "idle"}>
                {label}
                <span className="visually-hidden">：{row.name}</span>
              </button>
            ))}
          </fetcher.Form>
          <DeputyAction intent="pass" deputyId={row.deputyId} name={row.name} label={c.session.issuePass} />
          {row.pass && <small className="muted pass-state">{row.pass === "used" ? c.session.passUsed : c.session.passIssued}</small>}
          {row.pass && <DeputyAction intent="revoke-pass" deputyId={row.deputyId} name={row.name} label={c.session.revokePass} />}
        </div>
        {outcome && !outcome.ok && (
          <small className="row-refusal" role="alert">
            {outcome.message}
          </small>
        )}
      </td>
    </tr>
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
