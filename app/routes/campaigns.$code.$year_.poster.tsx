/** 征集海报: the campaign's call on one A4 page, with a QR code of the public form (PUBLIC_URL). */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { collectionMessages as m } from "~/messages/collection";
import { commonMessages as t } from "~/messages/common";
import { posterView } from "~/services/collection-views.server";
import styles from "~/styles/poster.css";
import { publicOrigin } from "~/utils/env.server";
import { campaignParams } from "~/utils/params";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${m.poster.metaTitle(data.township.name, data.campaign.year)} · ${t.app.title}` : t.app.title },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const at = campaignParams(params);
  const view = at && (await posterView(at.code, at.year, publicOrigin(request)));
  if (!view) throw new Response(m.public.notFound, { status: 404 });
  return json(view);
}

export default function Poster() {
  const { township, campaign, url, qrSvg } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print">
        <Link to={`/campaigns/${township.code}/${campaign.year}`}>{m.form.back}</Link>
      </p>
      <article className="poster">
        <h1>{m.poster.heading(township.name, campaign.year)}</h1>
        <p className="poster-sub">{m.poster.subheading}</p>
        <div className="poster-call">
          {campaign.callText.split("\n").map((line, index) => (
            <p key={index}>{line}</p>
          ))}
          <p>
            <strong>{m.public.period(campaign.opensOn, campaign.closesOn)}</strong>
          </p>
          <p>
            {m.public.channels}：{campaign.channels.map((channel) => m.channel[channel]).join("、")}
          </p>
        </div>
        {/* uqr's SVG: generated from the URL on the server, no user markup in it. */}
        <div className="poster-qr" role="img" aria-label={m.poster.scan} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <p className="poster-scan">{m.poster.scan}</p>
        <p className="poster-url">{m.poster.address(url)}</p>
        <p>{m.poster.other}</p>
        <p className="poster-issuer">{m.poster.issuer(township.name)}</p>
      </article>
    </>
  );
}
