// The page lives in the URL hash as `page=<id>`, beside whatever else the hash carries (the headless
// host puts its access token there), so navigating never drops the token and a reload stays put.
import { hashParams, PAGE_KEY } from '../../../shared/app-route';

/** The page id named in a location hash, or null when none is. */
export function pageInHash(hash: string): string | null {
  const page = hashParams(hash).get(PAGE_KEY);
  return page === null || page === '' ? null : page;
}

/** The hash that shows `page` while keeping every other entry of `hash`. */
export function hashWithPage(hash: string, page: string): string {
  const params = hashParams(hash);
  params.set(PAGE_KEY, page);
  return `#${params.toString()}`;
}
