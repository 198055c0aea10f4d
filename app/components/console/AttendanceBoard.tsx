import type { AttendanceSummary } from "~/domain/attendance";
import { consoleMessages as c } from "~/messages/console";
import { formatInteger } from "~/utils/format";

/** 应到 / 实到 / 请假 / 未到 and the quorum, large enough to read across the front table. */
export function AttendanceBoard({ attendance, connected }: { attendance: AttendanceSummary; connected: boolean | null }) {
  const stats: Array<[string, number]> = [
    [c.attendance.seated, attendance.seated],
    [c.attendance.present, attendance.present],
    [c.attendance.leave, attendance.leave],
    [c.attendance.absent, attendance.absent],
  ];
  return (
    <section className="attendance-board" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading" className="visually-hidden">
        {c.attendance.quorum}
      </h2>
      <dl className="attendance-stats" aria-live="polite">
        {stats.map(([label, value]) => (
          <div key={label} className="attendance-stat">
            <dt>{label}</dt>
            <dd>{formatInteger(value)}</dd>
          </div>
        ))}
      </dl>
      <p className={`quorum ${attendance.quorumMet ? "quorum-met" : "quorum-short"}`} role="status">
        <span className="quorum-mark" aria-hidden="true">
          {attendance.quorumMet ? "✔" : "!"}
        </span>
        <strong>{attendance.quorumMet ? c.attendance.quorumMet : `${c.attendance.quorum}${c.attendance.quorumShort(attendance.shortBy)}`}</strong>
        <span className="quorum-rule">{c.attendance.quorumRule(attendance.quorum)}</span>
      </p>
      {connected === false && (
        <p className="live-off" role="status">
          {c.attendance.offline}
        </p>
      )}
    </section>
  );
}
