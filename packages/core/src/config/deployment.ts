import type { Secret } from './secret.js';

/** One entry of `model_list`, resolved: environment references read, defaults applied. */
export interface Deployment {
  /** `model_info.id`, or `<model_name>-<hash of litellm_params without keys>` (defaultDeploymentId); unique within a gateway. */
  readonly id: string;
  /** The name clients send as `model`. */
  readonly modelName: string;
  /** The provider plugin that serves it: the prefix of `litellm_params.model` (`openai`). */
  readonly provider: string;
  /** The model name sent upstream: the rest of `litellm_params.model` (`gpt-5.5`). */
  readonly upstreamModel: string;
  readonly apiBase: string | undefined;
  readonly apiKey: Secret | undefined;
  readonly timeoutMs: number;
  readonly streamTimeoutMs: number | undefined;
  /** `general_settings.max_response_size_mb` in bytes, when set: the provider's response size cap. */
  readonly maxResponseBytes?: number | undefined;
  readonly dropParams: boolean | undefined;
  readonly mockResponse: string | undefined;
  /** Every `litellm_params` key other than the ones above (never `api_key`). */
  readonly extraParams: Readonly<Record<string, unknown>>;
  /** `model_info` as written: capability overrides and LiteLLM price keys. */
  readonly modelInfo: Readonly<Record<string, unknown>> | undefined;
  /**
   * A `model_info.mode` LiteLLM knows but Switchyard does not serve (`image_generation`,
   * `rerank`, …): the deployment loads and answers every request with `unsupported_mode`.
   */
  readonly unservedMode?: string;
  /** Where in the config it was declared, for messages: `model_list[2]`. */
  readonly configPath: string;
}
