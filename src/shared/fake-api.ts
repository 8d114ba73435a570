// For tests in every layer: an API whose every method refuses unless the test gives it one, so a call
// the test did not expect fails loudly instead of answering something plausible.
import type { PremiaApi } from './api';
import { API_METHODS } from './api';

export function fakeApi(overrides: Partial<PremiaApi> = {}): PremiaApi {
  const api: Record<string, unknown> = {};
  for (const method of API_METHODS)
    api[method] = () => Promise.reject(new Error('not used in this test'));
  return { ...api, ...overrides } as PremiaApi;
}
