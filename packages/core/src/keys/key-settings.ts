import { isAbsolute, resolve } from 'node:path';
import type { GeneralSettings } from '../generated/config.js';
import type { Secret } from '../config/secret.js';
import { NO_PROXY_LIMITS, type ProxyLimits } from './proxy-limits.js';

/** general_settings for virtual keys, budgets and spend, read once per config. */
export interface KeySettings {
  /** general_settings.database_url; undefined: the default SQLite file once keys are used. */
  readonly databaseUrl: Secret | undefined;
  readonly failClosed: boolean;
  readonly cacheTtlMs: number;
  /** Absolute folder of the spend outbox, when set. */
  readonly outboxPath: string | undefined;
  readonly outboxMaxBytes: number;
  readonly disableResetBudget: boolean;
  /** litellm_settings.max_budget / budget_duration and general_settings.global_max_parallel_requests. */
  readonly proxy: ProxyLimits;
}

export const DEFAULT_DATABASE_URL = 'sqlite://./switchyard.db';
export const DEFAULT_KEY_CACHE_TTL_MS = 10_000;
export const DEFAULT_OUTBOX_MAX_BYTES = 1024 * 1_000_000;

export function readKeySettings(general: GeneralSettings | undefined, databaseUrl: Secret | undefined, baseDir: string, proxy: ProxyLimits = NO_PROXY_LIMITS): KeySettings {
  const outbox = general?.spend_outbox_path;
  return {
    databaseUrl,
    failClosed: general?.fail_closed_budget_enforcement === true,
    cacheTtlMs: general?.user_api_key_cache_ttl === undefined ? DEFAULT_KEY_CACHE_TTL_MS : Math.round(general.user_api_key_cache_ttl * 1000),
    outboxPath: outbox === undefined ? undefined : isAbsolute(outbox) ? outbox : resolve(baseDir, outbox),
    outboxMaxBytes: general?.spend_outbox_max_mb === undefined ? DEFAULT_OUTBOX_MAX_BYTES : Math.round(general.spend_outbox_max_mb * 1_000_000),
    disableResetBudget: general?.disable_reset_budget === true,
    proxy,
  };
}
