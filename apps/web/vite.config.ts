import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

const API_TARGET = 'http://127.0.0.1:3000';
const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The server checks that POST/PATCH requests come from its own origin. Through the dev server the
 * browser's origin is Vite's, so a same-origin request (Origin matches the Host it was sent to) is
 * presented to the API as coming from the API's own origin. Cross-site requests keep their Origin
 * and are still refused.
 */
const apiProxy: ProxyOptions = {
  target: API_TARGET,
  configure(proxy) {
    proxy.on('proxyReq', (proxyReq, req) => {
      const { origin, host } = req.headers;
      if (origin !== undefined && host !== undefined && new URL(origin).host === host) {
        proxyReq.setHeader('origin', API_TARGET);
      }
    });
  },
};

const proxy = { '/api': apiProxy, '/portal/api': apiProxy, '/healthz': { target: API_TARGET } };

/**
 * Vite's own HTML fallback sends every unknown path to /index.html (the console), but the portal is
 * a second app with client-side routes under /portal, as the production server serves it.
 */
function portalFallback(): Plugin {
  const rewrite = (req: IncomingMessage, _res: ServerResponse, next: () => void) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const wantsHtml = req.headers.accept?.includes('text/html') ?? false;
    const isPortalPage =
      (path === '/portal' || path.startsWith('/portal/')) &&
      !/^\/portal\/api(\/|$)/.test(path) &&
      !path.slice('/portal'.length).includes('.');
    if ((req.method === 'GET' || req.method === 'HEAD') && wantsHtml && isPortalPage) {
      req.url = '/portal/index.html';
    }
    next();
  };
  return {
    name: 'atrium-portal-fallback',
    configureServer(server) {
      server.middlewares.use(rewrite);
    },
    configurePreviewServer(server) {
      server.middlewares.use(rewrite);
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), portalFallback()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every browser that runs the app supports modulepreload; skip the polyfill.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        console: fileURLToPath(new URL('./index.html', import.meta.url)),
        portal: fileURLToPath(new URL('./portal/index.html', import.meta.url)),
      },
      output: {
        codeSplitting: {
          groups: [
            // Libraries change less often than our code: their own chunk stays cached across releases.
            { name: 'vendor', test: /[\\/]node_modules[\\/]/ },
            // Our code used by both apps.
            { name: 'common', minShareCount: 2 },
          ],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
