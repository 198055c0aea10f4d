import type { BallotForm } from "~/domain/tally";
import { markChoices, markLabel } from "~/messages/common";
import { consoleMessages as c } from "~/messages/console";
import { formatInteger } from "~/utils/format";

export interface TallyRowView {
  id: string;
  position: number;
  name: string;
  yes: number;
  no: number;
  abstain: number;
  notVoted: number;
  outcome: string;
  outcomeLabel: string;
}

/** 计票结果: one row per project, in ballot order; empty places shown as vacancies. A rating round's columns are its three ratings. */
export function TallyTable({ number, rows, vacancies, form }: { number: number; rows: TallyRowView[]; vacancies: number; form: BallotForm }) {
  const marks = markChoices(form === "rating" ? "rating" : "per-project");
  return (
    <div className="table-scroll">
      <table className="data-table tally">
        <caption>{c.round.tallyCaption(number)}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {c.slate.number}
            </th>
            <th scope="col">{c.round.project}</th>
            {marks.map(({ choice, label }) => (
              <th scope="col" className="num" key={choice}>
                {label}
              </th>
            ))}
            <th scope="col" className="num">
              {markLabel(form, undefined)}
            </th>
            <th scope="col">{c.round.result}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={`outcome-${row.outcome}`}>
              <td className="num">{row.position}</td>
              <th scope="row">{row.name}</th>
              {marks.map(({ choice }, index) => (
                <td className={index === 0 ? "num strong" : "num"} key={choice}>
                  {formatInteger(row[choice])}
                </td>
              ))}
              <td className="num">{formatInteger(row.notVoted)}</td>
              <td>
                <span className={`outcome ${row.outcome}`}>{row.outcomeLabel}</span>
              </td>
            </tr>
          ))}
          {vacancies > 0 && (
            <tr className="vacancy-row">
              <td />
              <th scope="row" colSpan={5}>
                {c.round.vacancyRow}
              </th>
              <td>
                <span className="outcome vacancy">{c.round.vacancy(vacancies)}</span>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export interface RollViewData {
  candidates: Array<{ id: number; position: number; name: string }>;
  rows: Array<{ seatNo: number; name: string; voted: boolean; valid: boolean; cells: Array<string | null> }>;
}

/**
 * 表决记录 of a recorded round: deputy × project. Never rendered for a secret round. The projects'
 * names are long (a township writes the whole road), so the columns carry their numbers and a
 * legend above names them: the table reads on a 1024 px tablet and prints across A4.
 */
export function RollTable({ number, roll }: { number: number; roll: RollViewData }) {
  return (
    <>
      <ol className="roll-legend" aria-label={c.round.rollLegend}>
        {roll.candidates.map((candidate) => (
          <li key={candidate.id} value={candidate.position}>
            {candidate.name}
          </li>
        ))}
      </ol>
      <div className="table-scroll">
        <table className="data-table roll">
          <caption>{c.round.rollCaption(number)}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {c.session.seat}
              </th>
              <th scope="col">{c.round.rollDeputy}</th>
              {roll.candidates.map((candidate) => (
                <th scope="col" key={candidate.id} className="roll-project" title={candidate.name}>
                  <span aria-hidden="true">{candidate.position}</span>
                  <span className="visually-hidden">
                    {candidate.position}. {candidate.name}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {roll.rows.map((row) => (
              <tr key={row.seatNo} className={!row.voted ? "not-voted" : !row.valid ? "invalid" : undefined}>
                <td className="num">{row.seatNo}</td>
                <th scope="row" className="roll-deputy">
                  {row.name}
                  {row.voted && !row.valid && <span className="tag invalid-tag">{c.round.rollInvalid}</span>}
                  {!row.voted && <span className="tag">{c.round.rollNotVoted}</span>}
                </th>
                {row.cells.map((cell, index) => (
                  <td key={index} className={`choice ${cell ?? "none"}`}>
                    {row.voted ? (cell ? c.round.choice[cell] : "—") : ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Who has voted: names only, in seat order. */
export function VotersList({ voted, notVoted }: { voted: string[]; notVoted: string[] }) {
  return (
    <div className="voters">
      <div>
        <h3>
          {c.round.votedList}（{voted.length}）
        </h3>
        <p className="name-list">{voted.length ? voted.join("、") : c.round.noneYet}</p>
      </div>
      <div>
        <h3>
          {c.round.notVotedList}（{notVoted.length}）
        </h3>
        <p className="name-list">{notVoted.length ? notVoted.join("、") : c.round.noneYet}</p>
      </div>
    </div>
  );
}
