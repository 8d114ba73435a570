import { useCallback, useSyncExternalStore } from 'react';
import { hashWithPage, pageInHash } from './hash-route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = (): string => window.location.hash;

/** The URL's hash, as state that follows every change of it. */
export function useLocationHash(): string {
  return useSyncExternalStore(subscribe, readHash);
}

/** The page id in the URL (or `fallback` when it names none or an unknown one), and a way to go to another. */
export function useHashPage<Id extends string>(
  known: readonly Id[],
  fallback: Id,
): [Id, (page: Id) => void] {
  const hash = useLocationHash();
  const named = pageInHash(hash);
  const page = known.find((id) => id === named) ?? fallback;
  const go = useCallback((next: Id) => {
    window.location.hash = hashWithPage(window.location.hash, next);
  }, []);
  return [page, go];
}

/** The href of a page link, built from the hash as it is now. */
export function hrefForPage(page: string): string {
  return hashWithPage(window.location.hash, page);
}
