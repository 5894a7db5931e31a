/* eslint-disable */
/**
 * DO NOT EDIT. Generated from schemas/capability.schema.json by scripts/gen-types.mjs (pnpm gen).
 * A test fails when this file is stale.
 */

/**
 * USD per token.
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "Rate".
 */
export type Rate = number;
/**
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "JsonType".
 */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
/**
 * A request parameter by its chat/completions name (`reasoning_effort`, `temperature`).
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "ParamName".
 */
export type ParamName = string;
/**
 * A complete capability entry, its family resolved: what the request path sees.
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "ModelCapability".
 */
export type ModelCapability = CapabilityFields & Required<Pick<CapabilityFields, 'provider' | 'mode'>>;
/**
 * A family's name, `<provider>/<family>` by convention (`openai/gpt-5-reasoning`).
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "FamilyName".
 */
export type FamilyName = string;

/**
 * A Switchyard capability file: what each model accepts, costs and can do. Adding a model is adding an entry here, not a release. See docs/capabilities.md.
 */
export interface CapabilityFile {
  $schema?: string;
  description?: string;
  /**
   * Shared parts of capability entries (`openai/gpt-5-reasoning`): rules, param defaults and values, token_param, features, endpoints, mode. An entry names one in `extends` and states only what differs. Families of every source are known to every source; a later source's family of the same name is laid over the earlier one field by field.
   */
  families?: {
    [k: string]: CapabilityFields;
  };
  /**
   * Entries by the model name sent upstream (`gpt-5.5`). An entry states `provider` and `mode`, or `extends` a family that does. When several sources describe the same model, a later source overrides only the fields it states (objects key by key, lists whole); it never drops an earlier source's rules, defaults or token_param.
   */
  models: {
    [k: string]: CapabilityFields;
  };
}
/**
 * The fields of a capability entry or family, all optional here. In config.yaml `model_info` the same fields are accepted as a partial entry, merged over the shipped one.
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "CapabilityFields".
 */
export interface CapabilityFields {
  description?: string;
  /**
   * A family's name, `<provider>/<family>` by convention (`openai/gpt-5-reasoning`).
   */
  extends?: string;
  /**
   * The provider that serves the model (`openai`).
   */
  provider?: string;
  /**
   * The API the model is served through: `responses` models (gpt-5.5-pro) are bridged from chat/completions.
   */
  mode?: 'chat' | 'responses' | 'embedding';
  /**
   * Other names that resolve to this entry, such as dated snapshots (`gpt-5.5-2026-04-23`).
   */
  aliases?: string[];
  /**
   * Endpoints the upstream serves natively for this model.
   */
  endpoints?: ('chat.completions' | 'responses' | 'embeddings' | 'batch')[];
  limits?: Limits;
  pricing?: Pricing;
  features?: Features;
  /**
   * Whether a feature the entry marks `false` refuses the requests that need it (`tools` without function_calling, `parallel_tool_calls`, a `json_schema` response format without structured_output, web search, images, PDFs). Default: true for an entry a Switchyard-format source describes (curated data), false for one only LiteLLM's map describes (imported data, sometimes wrong). Set it per entry, per family or per deployment (`model_info.enforce_features`). See docs/capabilities.md.
   */
  enforce_features?: boolean;
  /**
   * Request parameters (by their chat/completions name) with the values the model accepts. A parameter not listed here is passed through unchecked.
   */
  params?: {
    [k: string]: ParamSpec;
  };
  /**
   * Parameters the model rejects whatever their value.
   */
  unsupported_params?: ParamName[];
  /**
   * Constraints that depend on another parameter's value, e.g. temperature only when reasoning_effort is none.
   */
  rules?: ParamRule[];
  /**
   * How the output-token limit is sent upstream on chat/completions: reasoning models need `max_completion_tokens` (a client's `max_tokens` is renamed).
   */
  token_param?: 'max_tokens' | 'max_completion_tokens';
}
/**
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "Limits".
 */
export interface Limits {
  /**
   * Context window for input, in tokens.
   */
  max_input_tokens?: number;
  /**
   * Largest max_tokens / max_completion_tokens / max_output_tokens the model accepts.
   */
  max_output_tokens?: number;
}
/**
 * USD per token. Embeddings use `input` only.
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "Pricing".
 */
export interface Pricing {
  input?: Rate;
  cached_input?: Rate;
  cache_write?: Rate;
  /**
   * USD per token.
   */
  cache_write_1h?: number;
  output?: Rate;
  reasoning_output?: Rate;
  /**
   * Long-context tiers, e.g. above 272,000 input tokens.
   */
  tiers?: PricingTier[];
  /**
   * Rates by the response's service_tier (flex, priority) and for the Batch API (batch).
   */
  service_tiers?: {
    [k: string]: ServiceTierRates;
  };
  /**
   * Multipliers of every rate by data-residency region (LiteLLM's `regional_processing_uplift_multiplier_eu`: `{"eu": 1.1}`), applied to a deployment billed for that region (`model_info.region`, or an OpenAI regional `api_base` such as `https://eu.api.openai.com/v1`). See docs/cost.md.
   */
  regional_uplift?: {
    [k: string]: number;
  };
}
/**
 * Rates for a whole request whose input (cached included) is strictly above `above_input_tokens`.
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "PricingTier".
 */
export interface PricingTier {
  above_input_tokens: number;
  input?: Rate;
  cached_input?: Rate;
  cache_write?: Rate;
  /**
   * USD per token.
   */
  cache_write_1h?: number;
  output?: Rate;
  reasoning_output?: Rate;
}
/**
 * A service tier's rates (flex, priority, batch). A rate left out falls back to the standard rate.
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "ServiceTierRates".
 */
export interface ServiceTierRates {
  input?: Rate;
  cached_input?: Rate;
  cache_write?: Rate;
  /**
   * USD per token.
   */
  cache_write_1h?: number;
  output?: Rate;
  reasoning_output?: Rate;
  /**
   * Long-context tiers of this service tier.
   */
  tiers?: PricingTier[];
}
/**
 * What the model can do. Shown by /model/info; a feature marked false refuses the requests that need it unless `enforce_features` is false.
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "Features".
 */
export interface Features {
  reasoning?: boolean;
  function_calling?: boolean;
  parallel_tool_calls?: boolean;
  vision?: boolean;
  pdf_input?: boolean;
  prompt_caching?: boolean;
  web_search?: boolean;
  structured_output?: boolean;
  system_messages?: boolean;
  native_streaming?: boolean;
}
/**
 * The values a parameter accepts: a small subset of JSON Schema, compiled once per deployment. `default` is the value the upstream assumes when the parameter is absent; rules use it.
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "ParamSpec".
 */
export interface ParamSpec {
  description?: string;
  type?: JsonType | [JsonType, ...JsonType[]];
  /**
   * @minItems 1
   */
  enum?: [unknown, ...unknown[]];
  minimum?: number;
  maximum?: number;
  default?: unknown;
}
/**
 * When every condition of `when` holds, each parameter of `then` must also satisfy its spec; `false` means the parameter is not accepted at all.
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "ParamRule".
 */
export interface ParamRule {
  description?: string;
  when: {
    [k: string]: Condition;
  };
  then: {
    [k: string]: ParamSpec | false;
  };
}
/**
 * Holds when the parameter's value (its `default` when the request leaves it out) is in `in`, or is not in `not_in`. A parameter absent without a default is in no list.
 *
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "Condition".
 */
export interface Condition {
  /**
   * @minItems 1
   */
  in?: [unknown, ...unknown[]];
  /**
   * @minItems 1
   */
  not_in?: [unknown, ...unknown[]];
}
