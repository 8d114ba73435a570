import { useCallback, useSyncExternalStore } from 'react';
import { assetInHash, hashWithAsset } from './selected-asset';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = (): string => window.location.hash;

/** The asset whose detail the URL opens, a way to open another (or close it), and its link. */
export function useSelectedAsset(): {
  selected: string | null;
  select: (asset: string | null) => void;
  hrefFor: (asset: string | null) => string;
} {
  const hash = useSyncExternalStore(subscribe, readHash);
  const select = useCallback((asset: string | null) => {
    window.location.hash = hashWithAsset(window.location.hash, asset);
  }, []);
  const hrefFor = useCallback((asset: string | null) => hashWithAsset(hash, asset), [hash]);
  return { selected: assetInHash(hash), select, hrefFor };
}
