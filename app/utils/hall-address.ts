/**
 * The hall's public address (会场地址): where the tablets open the voting page. Sign-in cards and the
 * display link carry it, so it must be an address the hall's network reaches, not the clerk's own
 * machine (a card made at http://localhost:3000 sends every tablet to itself).
 */

/** Whether a URL host is this machine only: localhost, 127.0.0.0/8, ::1 (also as ::ffff:127.x). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  // The URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
  return /^::ffff:(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(host);
}

/** The voting page the cards send tablets to, as printed under each QR code. */
export function voteAddress(hallOrigin: string): string {
  return `${hallOrigin}/vote`;
}
