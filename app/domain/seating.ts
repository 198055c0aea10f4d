/**
 * 会议座位号: the number each deputy has on a session's roster, by which the clerk finds them at
 * the door. A deputy keeps the seat number the township's roster gives them; deputies without one
 * take the numbers after the highest given, in roster order. Given numbers never repeat (the
 * roster refuses a repeated one), so no two deputies share a seat.
 */
export function assignSeats(deputies: ReadonlyArray<{ id: number; seatNo: number | null }>): Array<{ id: number; seatNo: number }> {
  let next = Math.max(0, ...deputies.map((deputy) => deputy.seatNo ?? 0)) + 1;
  return deputies.map((deputy) => ({ id: deputy.id, seatNo: deputy.seatNo ?? next++ }));
}
