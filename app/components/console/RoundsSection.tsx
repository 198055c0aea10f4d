import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { consoleMessages as c } from "~/messages/console";
import { paperRoundMessages } from "~/messages/paper-round";

const p = paperRoundMessages.prepare;
import { ActionAlert, FieldError, type ConsoleActionData } from "./ActionAlert";
import { SubmitButton } from "./SubmitButton";

export interface RoundRowView {
  id: number;
  number: number;
  status: string;
  statusLabel: string;
  places: number;
  candidates: number;
  form: string;
  secret: boolean;
  liveResults: boolean;
  runoffOfNumber: number | null;
  noticeNo: number | null;
}

/** 表决轮次: the rounds so far, and the form to set up the next one. */
export function RoundsSection({
  sessionId,
  rounds,
  candidates,
  actionData,
}: {
  sessionId: number;
  rounds: RoundRowView[];
  candidates: Array<{ id: number; name: string }>;
  actionData: ConsoleActionData | undefined;
}) {
  return (
    <>
      {rounds.length === 0 ? (
        <p className="note">{c.rounds.none}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table rounds">
            <caption>{c.rounds.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{c.rounds.number}</th>
                <th scope="col">{c.rounds.status}</th>
                <th scope="col" className="num">
                  {c.rounds.places}
                </th>
                <th scope="col" className="num">
                  {c.rounds.candidates}
                </th>
                <th scope="col">{c.rounds.form}</th>
                <th scope="col">{c.rounds.mode}</th>
                <th scope="col">
                  <span className="visually-hidden">{c.rounds.open}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((round) => (
                <tr key={round.id} className={`round-${round.status}`}>
                  <th scope="row">
                    {c.rounds.roundName(round.number)}
                    {round.runoffOfNumber !== null && <small className="muted">{c.rounds.runoffOf(round.runoffOfNumber)}</small>}
                  </th>
                  <td>
                    <span className={`round-status ${round.status}`}>{round.statusLabel}</span>
                  </td>
                  <td className="num">{round.form === "rating" ? "—" : round.places}</td>
                  <td className="num">{round.candidates}</td>
                  <td>{c.rounds.formLabel[round.form]}</td>
                  <td>{c.rounds.secretLabel[String(round.secret)]}</td>
                  <td className="row-actions">
                    <Link className="button small" to={`/console/sessions/${sessionId}/rounds/${round.id}`}>
                      {c.rounds.open}
                      <span className="visually-hidden">{c.rounds.roundName(round.number)}</span>
                    </Link>
                    {round.noticeNo !== null && (
                      <a className="button small" href={`/notices/${sessionId}/${round.noticeNo}`}>
                        {c.session.notice(round.noticeNo)}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {candidates.length === 0 ? (
        <p className="note">{c.rounds.needCandidates}</p>
      ) : (
        <PrepareRoundForm key={candidates.map((candidate) => candidate.id).join(",")} candidates={candidates} actionData={actionData} />
      )}
    </>
  );
}

function PrepareRoundForm({ candidates, actionData }: { candidates: Array<{ id: number; name: string }>; actionData: ConsoleActionData | undefined }) {
  const [chosen, setChosen] = useState(() => new Set(candidates.map((candidate) => candidate.id)));
  const [places, setPlaces] = useState("");
  const n = Number(places);
  const toggle = (id: number, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <Form method="post" className="stack panel" aria-labelledby="prepare-round-heading">
      <h3 id="prepare-round-heading">{c.rounds.prepareHeading}</h3>
      <input type="hidden" name="intent" value="prepare-round" />
      <fieldset className="checks">
        <legend>{c.rounds.prepareCandidates}</legend>
        {candidates.map((candidate, index) => (
          <label key={candidate.id} className="check">
            <input
              type="checkbox"
              name="candidateIds[]"
              value={candidate.id}
              defaultChecked
              onChange={(event) => toggle(candidate.id, event.currentTarget.checked)}
            />
            <span>
              {index + 1}. {candidate.name}
            </span>
          </label>
        ))}
      </fieldset>
      <FieldError data={actionData} intent="prepare-round" field="candidateIds" />
      <div className="inline-fields">
        <label className="field places-field">
          <span>{c.rounds.placesLabel}</span>
          <input
            type="number"
            name="places"
            min={1}
            max={chosen.size || undefined}
            inputMode="numeric"
            defaultValue={places}
            onChange={(event) => setPlaces(event.currentTarget.value)}
          />
        </label>
        <output className="slate-kind" aria-live="polite">
          {Number.isInteger(n) && n > 0 ? c.rounds.slateKind(chosen.size, n) : ""}
        </output>
      </div>
      <FieldError data={actionData} intent="prepare-round" field="places" />
      <fieldset className="choices">
        <legend>{c.rounds.formLegend}</legend>
        <label className="check">
          <input type="radio" name="form" value="per-project" defaultChecked /> <span>{c.rounds.formLong["per-project"]}</span>
        </label>
        <label className="check">
          <input type="radio" name="form" value="choose-n" /> <span>{c.rounds.formLong["choose-n"]}</span>
        </label>
      </fieldset>
      <fieldset className="choices">
        <legend>{c.rounds.modeLegend}</legend>
        <label className="check">
          <input type="radio" name="secret" value="recorded" defaultChecked /> <span>{c.rounds.modeRecorded}</span>
        </label>
        <label className="check">
          <input type="radio" name="secret" value="secret" /> <span>{c.rounds.modeSecret}</span>
        </label>
        <p className="hint">{c.rounds.modeHint}</p>
      </fieldset>
      <fieldset className="choices">
        <legend>{c.rounds.liveLegend}</legend>
        <label className="check">
          <input type="radio" name="liveResults" value="after-close" defaultChecked /> <span>{c.rounds.liveNo}</span>
        </label>
        <label className="check">
          <input type="radio" name="liveResults" value="live" /> <span>{c.rounds.liveYes}</span>
        </label>
        <p className="hint">{c.rounds.liveHint}</p>
      </fieldset>
      <MediumFields />
      <ActionAlert data={actionData} intent="prepare-round" />
      <div>
        <SubmitButton className="button primary">{c.rounds.prepareSubmit}</SubmitButton>
      </div>
    </Form>
  );
}

/** 投票方式 and, for paper, the entry method: the same two choices for a vote and for a rating round. */
export function MediumFields() {
  return (
    <>
      <fieldset className="choices">
        <legend>{p.mediumLegend}</legend>
        <label className="check">
          <input type="radio" name="medium" value="tablet" defaultChecked /> <span>{p.tablet}</span>
        </label>
        <label className="check">
          <input type="radio" name="medium" value="paper" /> <span>{p.paper}</span>
        </label>
        <p className="hint">{p.hint}</p>
      </fieldset>
      <fieldset className="choices">
        <legend>{p.entryLegend}</legend>
        <label className="check">
          <input type="radio" name="entryMethod" value="per-ballot" defaultChecked /> <span>{p.perBallot}</span>
        </label>
        <label className="check">
          <input type="radio" name="entryMethod" value="totals" /> <span>{p.totals}</span>
        </label>
      </fieldset>
    </>
  );
}
