import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The gateway serves the built app from its classpath (static/); `npm run dev` proxies the API to a
// running suite (`./autodeploy up`) so the dev server behaves like the gateway.
const gateway = process.env.AUTODEPLOY_GATEWAY ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 3000,
    proxy: {
      '/api': { target: gateway, changeOrigin: true, ws: true },
      '/.well-known': { target: gateway, changeOrigin: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // One jsdom and one module graph per worker instead of per file: building them for each of the ~30 files
    // cost more than the tests themselves. Files must leave nothing behind: setup.ts unmounts, resets the
    // API handlers, storage and timers after every test.
    pool: 'threads',
    isolate: false,
  },
});
