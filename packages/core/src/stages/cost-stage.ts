import type { Stage } from '../pipeline/stage.js';

/** Prices the request from its usage (issue 4). Passes through until then. */
export const costStage: Stage = (_context, next) => next();
