import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation gives the Python sandbox SharedArrayBuffer (interrupts).
// Static hosting must send the same two headers; see README.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders, port: 4173, strictPort: false },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // sandbox.html: the Python sandbox frame (opaque origin), a second page next to the app.
    // src/sandbox/harness.html: a bare page hosting the sandbox, for e2e/python.spec.ts and bench/.
    // src/ui/common/harness/render-boundary.html: a piece that throws while rendering, for e2e/hostile-render.spec.ts.
    rolldownOptions: {
      input: {
        main: 'index.html',
        sandbox: 'sandbox.html',
        pythonHarness: 'src/sandbox/harness.html',
        renderBoundaryHarness: 'src/ui/common/harness/render-boundary.html',
      },
    },
  },
});
