/**
 * A console.error the test did not expect fails the test (both suites' per-file setup). A test that
 * expects one says so with `task.meta.expectConsoleError`.
 */
import { afterEach, beforeEach, vi } from "vitest";

export function failOnUnexpectedConsoleErrors() {
  let consoleError: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    consoleError = vi.spyOn(console, "error");
  });
  afterEach(({ task }) => {
    const expected = (task.meta as { expectConsoleError?: boolean }).expectConsoleError;
    const calls = consoleError.mock.calls;
    consoleError.mockRestore();
    if (calls.length > 0 && !expected) {
      throw new Error(`console.error was called during the test:\n${calls.map((args: unknown[]) => args.join(" ")).join("\n")}`);
    }
  });
}
