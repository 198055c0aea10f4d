/**
 * An illegal or impossible step, refused with a Chinese explanation; nothing was changed. `detail`
 * is what the audit entry keeps beside the sentence (a code and its numbers) for readers that count.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 = 409,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "Refusal";
  }
}

/** Who is acting, and from which device: written to the audit log with every change. */
export interface Actor {
  /** "clerk:<username>", "deputy:<id>", "system" */
  actor: string;
  device: string;
}
