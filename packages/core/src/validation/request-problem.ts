import { UnsupportedParamsError, type UnsupportedParamsCode } from '../errors/unsupported-params-error.js';

/**
 * Why a request cannot go upstream as it is. `drop` is the location to remove under
 * drop_params; a problem without it (a wrong type, a limit exceeded) is refused either way.
 */
export interface RequestProblem {
  readonly code: UnsupportedParamsCode;
  /** The parameter as OpenAI names it in errors: `reasoning_effort`, `reasoning.effort`, `messages[0].role`. */
  readonly param: string;
  readonly message: string;
  readonly drop?: readonly string[];
}

export function problemToError(problem: RequestProblem): UnsupportedParamsError {
  return new UnsupportedParamsError(problem.code, problem.message, problem.param);
}
