// What the server last sent for each document, under the result id it went with, so that
// the next answer to a client that holds it can be the difference instead of the whole:
// semantic tokens (LSP's `full/delta`) and the schedule panel's data (`since`).

export class SentHistory<T, D> {
  private readonly last = new Map<string, { id: string; value: T }>();
  private count = 0;

  /** `difference(before, after)`: what turns the value sent before into the one sent now. */
  constructor(private readonly difference: (before: T, after: T) => D) {}

  /**
   * Records `value` as sent for `uri`: its result id, and its difference from the value sent
   * as `previousId` when that was the last one sent (else the client needs the whole value).
   */
  send(uri: string, value: T, previousId?: string): { resultId: string; difference?: D } {
    const before = this.last.get(uri);
    const resultId = String(++this.count);
    this.last.set(uri, { id: resultId, value });
    return before && before.id === previousId ? { resultId, difference: this.difference(before.value, value) } : { resultId };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}
