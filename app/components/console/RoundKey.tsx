/**
 * 计票密钥卡 on a secret round's page: issuing the card (shown once, printed, handed to the chief
 * teller), reading it back before the round opens, and the count with it once voting has closed.
 * Every form works without JavaScript; printing then uses the browser's own print command.
 */
import { Form } from "@remix-run/react";
import { consoleMessages as c } from "~/messages/console";
import { FieldError, type ConsoleActionData } from "./ActionAlert";
import { ConfirmLink, ConfirmStep } from "./ConfirmStep";
import { SubmitButton } from "./SubmitButton";

export interface KeyCardView {
  code: string;
  fingerprint: string;
  chief: string;
  qrSvg: string;
}

export type SealKeyState = { state: "none" | "issued" | "verified"; fingerprint: string | null };

/** Before the round opens: issue the card, print it, read it back. Issuing again asks first: the printed card stops working. */
export function RoundKeyPreparation({
  sealKey,
  hasChief,
  card,
  actionData,
  confirmingReissue,
}: {
  sealKey: SealKeyState;
  hasChief: boolean;
  card: KeyCardView | null;
  actionData: ConsoleActionData | undefined;
  confirmingReissue: boolean;
}) {
  return (
    <section aria-labelledby="key-heading" className="console-section round-key no-print">
      <h2 id="key-heading">{c.roundKey.heading}</h2>
      <p>{c.roundKey.lead}</p>
      <p className={sealKey.state === "verified" ? "flash" : "note"} role="status">
        {sealKey.state === "none"
          ? c.roundKey.notIssued
          : sealKey.state === "issued"
            ? c.roundKey.issuedNotVerified(sealKey.fingerprint ?? "")
            : c.roundKey.verifiedState(sealKey.fingerprint ?? "")}
      </p>
      {!hasChief ? (
        <p className="flash error">{c.roundKey.needsChief}</p>
      ) : sealKey.state === "none" ? (
        <Form method="post" className="action-row">
          <input type="hidden" name="intent" value="key-issue" />
          <SubmitButton className="button primary">{c.roundKey.issue}</SubmitButton>
        </Form>
      ) : confirmingReissue ? (
        <ConfirmStep intent="key-issue" heading={c.confirmations.keyIssue.heading} submit={c.confirmations.keyIssue.submit}>
          <p>{c.confirmations.keyIssue.consequence}</p>
        </ConfirmStep>
      ) : (
        <p className="action-row">
          <ConfirmLink intent="key-issue" className="button">
            {c.roundKey.reissue}
          </ConfirmLink>
          <span className="hint">{c.roundKey.reissueWarning}</span>
        </p>
      )}
      {card && (
        <p className="action-row">
          <button type="button" className="button primary" onClick={() => window.print()}>
            {c.roundKey.print}
          </button>
        </p>
      )}
      {sealKey.state === "issued" && (
        <KeyCodeForm intent="key-verify" heading={c.roundKey.verifyHeading} lead={c.roundKey.verifyLead} submit={c.roundKey.verify} actionData={actionData} />
      )}
    </section>
  );
}

/** After voting closed: the chief teller's card opens the ballots. */
export function RoundKeyCount({ actionData }: { actionData: ConsoleActionData | undefined }) {
  return (
    <section aria-labelledby="count-heading" className="console-section round-key">
      <KeyCodeForm intent="count" heading={c.roundKey.countHeading} lead={c.roundKey.countLead} submit={c.roundKey.count} actionData={actionData} big />
      <p className="note">{c.roundKey.lostKey}</p>
    </section>
  );
}

function KeyCodeForm({
  intent,
  heading,
  lead,
  submit,
  actionData,
  big,
}: {
  intent: string;
  heading: string;
  lead: string;
  submit: string;
  actionData: ConsoleActionData | undefined;
  big?: boolean;
}) {
  const id = `${intent}-key`;
  return (
    <Form method="post" className="stack key-form">
      <h3 id={`${id}-heading`}>{heading}</h3>
      <p>{lead}</p>
      <input type="hidden" name="intent" value={intent} />
      <label className="field">
        <span>{c.roundKey.keyLabel}</span>
        <input
          id={id}
          name="key"
          className="key-input"
          required
          maxLength={64}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby={`${id}-error`}
          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
        />
      </label>
      <FieldError data={actionData} intent={intent} field="key" id={`${id}-error`} />
      <div>
        <SubmitButton className={big ? "button primary big" : "button primary"}>{submit}</SubmitButton>
      </div>
    </Form>
  );
}

/** The card itself: on screen once, on paper for the chief teller. */
export function KeyCard({ card, sessionTitle, roundNumber }: { card: KeyCardView; sessionTitle: string; roundNumber: number }) {
  return (
    <article className="key-card" aria-label={c.roundKey.cardTitle}>
      <p className="key-card-title">{c.roundKey.cardTitle}</p>
      <p className="key-card-round">{c.roundKey.cardRound(sessionTitle, roundNumber)}</p>
      <p className="key-card-chief">{c.roundKey.cardChief(card.chief)}</p>
      <div className="key-card-body">
        <div className="qr" role="img" aria-label={c.roundKey.cardKeyLabel} dangerouslySetInnerHTML={{ __html: card.qrSvg }} />
        <div>
          <p className="key-card-label">{c.roundKey.cardKeyLabel}</p>
          <p className="key-card-code">{card.code}</p>
          <p className="key-card-fingerprint">{c.roundKey.cardFingerprint(card.fingerprint)}</p>
        </div>
      </div>
      <ol className="key-card-rules">
        {c.roundKey.cardRules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ol>
    </article>
  );
}
