import type { RequestProblem } from './request-problem.js';

/** One compiled check of a request body: the first problem it finds, or undefined. */
export type RequestCheck = (body: Record<string, unknown>) => RequestProblem | undefined;

/** What every check needs to know to name things in its messages. */
export interface CheckContext {
  /** The model as messages name it: `gpt-5.5`, or `fast (gpt-5.5)` when the names differ. */
  readonly model: string;
}
