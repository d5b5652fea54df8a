import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The console is served by the identity server at /dashboard/. Its Content-Security-Policy allows no inline script
 * or style, so the build must emit none: no module-preload polyfill (Vite inlines it otherwise) and CSS in files.
 * `@xloud/sdk` is read from its TypeScript sources (its `xloud-source` export condition): no SDK build needed first.
 */
export default defineConfig({
  base: '/dashboard/',
  plugins: [react()],
  resolve: { conditions: ['xloud-source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/dashboard/api': 'http://127.0.0.1:5000' },
  },
});
