import { consoleMessages as c } from "~/messages/console";
import { formatMessages } from "~/messages/formats";

export interface PassCardView {
  seatNo: number;
  name: string;
  code: string;
  qrSvg: string;
  /** The voting page as printed under the QR code, for a tablet that cannot scan. */
  address: string;
}

const PER_SHEET = 8;

/** Printable sign-in cards: A4 sheets of 8 (2 × 4), cut along the dashed lines. */
export function PassCards({ title, cards }: { title: string; cards: PassCardView[] }) {
  const sheets: PassCardView[][] = [];
  for (let i = 0; i < cards.length; i += PER_SHEET) sheets.push(cards.slice(i, i + PER_SHEET));
  return (
    <section aria-label={c.passes.cardsCaption} className="pass-sheets">
      {sheets.map((sheet, index) => (
        <div className="pass-sheet" key={index}>
          {sheet.map((card) => (
            <article className="pass-card" key={card.seatNo} aria-label={`${card.name} ${c.passes.cardTitle}`}>
              <p className="pass-card-title">{title}</p>
              <p className="pass-card-kind">
                {c.passes.cardTitle} · {formatMessages.seatNo(card.seatNo)}
              </p>
              <p className="pass-card-name">{card.name}</p>
              <div className="pass-card-body">
                <figure className="pass-card-qr">
                  <div className="qr" role="img" aria-label={c.session.passQr(card.name)} dangerouslySetInnerHTML={{ __html: card.qrSvg }} />
                  <figcaption className="pass-card-address">{card.address}</figcaption>
                </figure>
                <div>
                  <p className="pass-card-label">{c.passes.cardCode}</p>
                  <p className="pass-card-code">{card.code}</p>
                  <p className="pass-card-hint">{c.passes.cardHint}</p>
                </div>
              </div>
            </article>
          ))}
        </div>
      ))}
    </section>
  );
}
