/** One call to one deployment, as the cost event lists them. */
export interface AttemptRecord {
  /** The deployment id. */
  readonly deployment: string;
  /** The model group it belongs to (a fallback's own group). */
  readonly modelGroup: string;
  /** HTTP status of the attempt (200 when it answered). */
  readonly status: number;
  readonly durationMs: number;
  /** The error code when it failed; null when it answered. */
  readonly errorCode: string | null;
  readonly fallback: boolean;
}

export const MODEL_GROUP_HEADER = 'x-switchyard-model-group';
export const DEPLOYMENT_HEADER = 'x-switchyard-deployment';
export const ATTEMPTS_HEADER = 'x-switchyard-attempts';
export const FALLBACK_HEADER = 'x-switchyard-fallback';
