// Messages the app owes the user (a recovered settings file, a refused document): listed until dismissed.
import type { Notice } from '../shared/api';

export type NoticeInput = Omit<Notice, 'id'>;

export type NoticeChange =
  { kind: 'added'; notice: Notice } | { kind: 'dismissed'; notice: Notice };

export type NoticeListener = (change: NoticeChange, notices: readonly Notice[]) => void;

export class NoticeBoard {
  #notices: Notice[] = [];
  #listeners = new Set<NoticeListener>();
  #counter = 0;

  /** Adds a notice, gives it an id unique within this board, and tells the listeners. */
  add(input: NoticeInput): Notice {
    this.#counter += 1;
    const notice: Notice = { id: `notice-${this.#counter}`, ...input };
    this.#notices = [...this.#notices, notice];
    this.#tell({ kind: 'added', notice });
    return notice;
  }

  /**
   * Removes a notice. Returns false when no notice has that id: a second window may have dismissed
   * it already, which is not an error.
   */
  dismiss(id: string): boolean {
    const notice = this.#notices.find((n) => n.id === id);
    if (!notice) return false;
    this.#notices = this.#notices.filter((n) => n.id !== id);
    this.#tell({ kind: 'dismissed', notice });
    return true;
  }

  /** The current notices, oldest first. The array is a copy: changing it changes nothing here. */
  list(): Notice[] {
    return this.#notices.map((n) => ({ ...n }));
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: NoticeListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  // Every listener hears the change even when an earlier one throws; the first failure is then
  // rethrown so it is not lost.
  #tell(change: NoticeChange): void {
    const snapshot = this.list();
    const failures: unknown[] = [];
    for (const listener of [...this.#listeners]) {
      try {
        listener(change, snapshot);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
