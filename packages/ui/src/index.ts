import { fileURLToPath } from 'node:url';

/**
 * The folder holding the admin UI's built files (index.html and hashed assets), made by
 * `scripts/build.mjs` at install time. The Express and Koa adapters hand it to the gateway,
 * which serves it at `ui/` under its mount. The same path from `src/` and `dist/`.
 */
export const uiDirectory: string = fileURLToPath(new URL('../static/', import.meta.url));
