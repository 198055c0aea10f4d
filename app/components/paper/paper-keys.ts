/**
 * 逐张录入 by keyboard: on the focused project row, 1 / 2 / 3 / 0 choose 赞成 / 反对 / 弃权 / 未表决 (a
 * choose-N paper: 1 勾选, 0 未勾选) and move to the next row; Backspace or ↑ goes back a row, ↓ forward;
 * V marks the paper void; Enter saves it. In the seat field, Enter moves to the first project. Each
 * choice is an ordinary radio button, so touch and a page without JavaScript work the same.
 */
import { useEffect, type RefObject } from "react";

function rows(form: HTMLFormElement): HTMLElement[] {
  return [...form.querySelectorAll<HTMLElement>("[data-row]")];
}

/** Focus where a fresh paper starts: the seat field of a recorded paper, else the first project. */
export function focusStart(form: HTMLFormElement) {
  const seat = form.querySelector<HTMLInputElement>("input[name=seatNo]");
  (seat && seat.value === "" ? seat : rows(form)[0])?.focus();
}

export function usePaperKeys(formRef: RefObject<HTMLFormElement>, paperKey: string) {
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    focusStart(form);
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target instanceof HTMLInputElement && target.name === "seatNo") {
        if (event.key === "Enter") {
          event.preventDefault();
          rows(form)[0]?.focus();
        }
        return;
      }
      const all = rows(form);
      const row = target.closest<HTMLElement>("[data-row]");
      const at = row ? all.indexOf(row) : -1;
      const move = (to: number) => {
        if (to >= all.length) form.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
        else all[Math.max(0, to)]?.focus();
      };
      if (event.key === "Enter") {
        event.preventDefault();
        form.requestSubmit();
      } else if (event.key === "v" || event.key === "V") {
        event.preventDefault();
        const box = form.querySelector<HTMLInputElement>("input[name=void]");
        if (box) box.checked = !box.checked;
      } else if (row && /^[0-3]$/.test(event.key)) {
        const choice = row.querySelector<HTMLInputElement>(`[data-key="${event.key}"] input`);
        if (!choice) return;
        event.preventDefault();
        choice.checked = true;
        move(at + 1);
      } else if (row && (event.key === "Backspace" || event.key === "ArrowUp")) {
        event.preventDefault();
        move(at - 1);
      } else if (row && event.key === "ArrowDown") {
        event.preventDefault();
        move(at + 1);
      }
    };
    form.addEventListener("keydown", onKey);
    return () => form.removeEventListener("keydown", onKey);
  }, [formRef, paperKey]);
}
