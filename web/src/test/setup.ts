import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { server } from './server';

// A page's first render waits on the session and the organizations (and often more answers in turn); a loaded
// machine (the whole suite in parallel, a browser beside it) can take more than the default second.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 15_000 });

// Files share a worker's modules (isolate: false), so Testing Library's own once-per-import hooks ran for the
// first file only: every file declares React's act environment itself.
beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  window.localStorage.clear();
  vi.useRealTimers();
});
afterAll(() => server.close());
