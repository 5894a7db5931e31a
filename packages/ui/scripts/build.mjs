// Builds the admin UI (app/) into static/, which the gateway serves at ui/. Run by the
// workspace's `prepare` (so `pnpm install` leaves a working UI) and before packing.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const app = fileURLToPath(new URL('../app/', import.meta.url));
const output = fileURLToPath(new URL('../static/', import.meta.url));

await build({
  configFile: false,
  root: app,
  // Relative asset URLs: the UI lives under whatever path the host mounts the gateway at.
  base: './',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: output, emptyOutDir: true, target: 'es2022', sourcemap: false, assetsDir: 'assets', reportCompressedSize: false },
});
