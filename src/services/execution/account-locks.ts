// One execution at a time per account: an execution holds every account its plan trades on until it
// ends, and a second one touching any of them is refused.
export class AccountLocks {
  private readonly held = new Set<string>();

  /** The first of `accounts` already held, or null when all were free and are now held. */
  acquire(accounts: readonly string[]): string | null {
    const busy = accounts.find((a) => this.held.has(a));
    if (busy !== undefined) return busy;
    for (const a of accounts) this.held.add(a);
    return null;
  }

  release(accounts: readonly string[]): void {
    for (const a of accounts) this.held.delete(a);
  }
}
