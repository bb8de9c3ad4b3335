import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves `dist/` under a strict CSP (script-src 'self'; style-src 'self'). Vite's
// production build emits only external scripts and stylesheets, so nothing here may add inline code.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    // `npm run dev -w @vigie/web` proxies the API to a `vigie serve` on port 8080.
    proxy: { '/api': 'http://localhost:8080' },
  },
});
