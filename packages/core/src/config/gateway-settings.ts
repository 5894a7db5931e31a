import type { Deployment } from './deployment.js';
import type { JsonLimits } from '../http/json-limits.js';
import type { Secret } from './secret.js';
import type { RouterSettings } from '../router/router-settings.js';
import type { KeySettings } from '../keys/key-settings.js';
import type { OperationsSettings } from './operations-settings.js';

export type CapabilitySourceSpec =
  | { readonly kind: 'builtin' }
  | { readonly kind: 'file'; readonly path: string; readonly format: 'switchyard' | 'litellm' | undefined; readonly watch: boolean }
  | { readonly kind: 'url'; readonly url: string; readonly format: 'switchyard' | 'litellm' | undefined };

/** The configuration after validation and normalization: what the gateway actually runs on. */
export interface GatewaySettings {
  readonly deployments: readonly Deployment[];
  readonly masterKey: Secret | undefined;
  readonly dropParams: boolean;
  readonly bodyLimitBytes: number;
  /** general_settings.max_request_json_*; unset ones take DEFAULT_JSON_LIMITS (http/json-limits.ts). */
  readonly jsonLimits: Partial<JsonLimits>;
  readonly capabilitySources: readonly CapabilitySourceSpec[];
  readonly reloadIntervalSeconds: number;
  /** Limits for URL capability sources (defaults in fetch-capability-source.ts). */
  readonly sourceFetch: { readonly timeoutMs: number | undefined; readonly maxBytes: number | undefined };
  /** Relative paths in the config are resolved against this directory. */
  readonly baseDir: string;
  /**
   * router_settings.ignore_invalid_deployments (default true, as in LiteLLM's proxy): start with
   * the deployments a provider serves and log the others, instead of refusing to start.
   */
  readonly ignoreInvalidDeployments: boolean;
  /** router_settings: strategy, retries, cooldowns, fallbacks, aliases, tags. */
  readonly router: RouterSettings;
  /** Virtual keys, budgets and spend: database_url, fail-closed, key cache TTL, outbox. */
  readonly keys: KeySettings;
  /** general_settings.disable_admin_ui: no `ui/` route (a JSON 404 there). */
  readonly disableAdminUi: boolean;
  /** litellm_settings callbacks (prometheus, otel, langfuse) and the response cache. */
  readonly operations: OperationsSettings;
  /** Keys accepted but not implemented, each reported once at start. */
  readonly warnings: readonly string[];
}

export const DEFAULT_BODY_LIMIT_BYTES = 50 * 1_000_000;
export const DEFAULT_TIMEOUT_SECONDS = 600;
