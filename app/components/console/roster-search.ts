/**
 * 查找代表 at the door: a typed query matches a deputy by seat number (digits, full-width too) or
 * by a part of the name (spaces and full/half-width forms ignored). The same rule filters the list
 * on the server (a GET ?q=, without JavaScript) and as the clerk types.
 */
export function rosterQueryMatcher(query: string): (row: { seatNo: number; name: string }) => boolean {
  const compact = query.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  if (compact === "") return () => true;
  if (/^\d+$/.test(compact)) {
    const seat = Number(compact);
    return (row) => row.seatNo === seat;
  }
  return (row) => row.name.normalize("NFKC").replace(/\s+/g, "").toLowerCase().includes(compact);
}
