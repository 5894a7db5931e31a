import type { Deployment } from '../config/deployment.js';
import type { ModelCapability } from '../generated/capability.js';
import type { ModelTarget } from './capability-snapshot.js';
import type { CapabilityIndex } from './collect-capability-entries.js';
import { createModelTarget } from './create-model-target.js';
import { resolveDeploymentCapability } from './resolve-deployment-capability.js';
import { compileWildcard, fillWildcard, matchWildcard, type WildcardPattern } from './wildcard-pattern.js';

/** One wildcard `model_name` and its deployments, in config order. */
export interface WildcardRoute {
  readonly wildcard: WildcardPattern;
  readonly deployments: readonly Deployment[];
  /**
   * Set when no plugin serves the pattern's deployments: a name it matches is not served, and
   * must not fall through to a less specific pattern (`anthropic/*` skipped must not reach `*`).
   */
  readonly skipped?: string;
}

export interface WildcardTargetsOptions {
  readonly routes: readonly WildcardRoute[];
  readonly index: CapabilityIndex;
  /** Whether a plugin serves a provider prefix: `model: "*"` infers it from the requested name. */
  readonly servesProvider: (provider: string) => boolean;
  /** Concrete models compiled and kept per snapshot; beyond it the oldest is dropped. */
  readonly cacheSize?: number;
}

const DEFAULT_CACHE_SIZE = 2048;

/**
 * Resolves a requested name through the wildcard deployments: the most specific pattern that
 * matches wins (LiteLLM's order), and the concrete model it names is what capabilities,
 * validation and pricing use (`gpt-4o` through `openai/*` is checked and priced as `gpt-4o`).
 * Each concrete model is compiled once, on first request, and cached for the snapshot's life;
 * the cache is bounded because clients choose the names.
 */
export class WildcardTargets {
  readonly routes: readonly WildcardRoute[];
  readonly #index: CapabilityIndex;
  readonly #servesProvider: (provider: string) => boolean;
  readonly #cache = new Map<string, readonly ModelTarget[]>();
  readonly #cacheSize: number;

  constructor(options: WildcardTargetsOptions) {
    // Stable sort: equal specificity keeps config order.
    this.routes = [...options.routes].sort((a, b) => b.wildcard.specificity - a.wildcard.specificity);
    this.#index = options.index;
    this.#servesProvider = options.servesProvider;
    this.#cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  }

  get size(): number {
    return this.routes.length;
  }

  /** The targets a wildcard gives this name, compiled on first use; `undefined` when none matches. */
  lookup(model: string): readonly ModelTarget[] | undefined {
    const cached = this.#cache.get(model);
    if (cached !== undefined) return cached;
    for (const route of this.routes) {
      const captures = matchWildcard(route.wildcard, model);
      if (captures === undefined) continue;
      if (route.skipped !== undefined) return undefined;
      const targets = route.deployments.map((deployment) => this.#compile(deployment, model, captures));
      if (this.#cache.size >= this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(model, targets);
      return targets;
    }
    return undefined;
  }

  /** Why a name is not served, when the most specific pattern matching it was skipped at start-up. */
  skippedReason(model: string): string | undefined {
    for (const route of this.routes) if (matchWildcard(route.wildcard, model) !== undefined) return route.skipped;
    return undefined;
  }

  /** How many concrete models are compiled now (for tests and the bench). */
  get compiled(): number {
    return this.#cache.size;
  }

  /**
   * The concrete names the wildcards can serve that capability data knows, as `/v1/models`
   * lists them (LiteLLM lists a wildcard's known models the same way).
   */
  knownModels(models: ReadonlyMap<string, ModelCapability>): Map<string, Deployment> {
    const found = new Map<string, Deployment>();
    for (const route of this.routes) {
      const deployment = route.deployments[0];
      if (deployment === undefined) continue;
      const template = compileWildcard(deployment.upstreamModel);
      const passThrough = passesThrough(deployment);
      for (const [name, entry] of models) {
        let requested: string | undefined;
        if (passThrough) {
          if (entry.provider === 'openai') requested = name;
          else if (this.#servesProvider(entry.provider)) requested = name.startsWith(`${entry.provider}/`) ? name : `${entry.provider}/${name}`;
        } else if (entry.provider === deployment.provider) {
          const captures = deployment.upstreamModel.includes('*') ? matchWildcard(template, name) : deployment.upstreamModel === name ? [name] : undefined;
          if (captures !== undefined) requested = fillWildcard(route.wildcard.pattern, captures);
        }
        if (requested !== undefined && !requested.includes('*') && !found.has(requested) && matchWildcard(route.wildcard, requested) !== undefined) {
          found.set(requested, deployment);
        }
      }
    }
    return found;
  }

  #compile(deployment: Deployment, model: string, captures: readonly string[]): ModelTarget {
    let provider = deployment.provider;
    let upstreamModel = fillWildcard(deployment.upstreamModel, captures);
    if (passesThrough(deployment)) {
      // `model: "*"`: the requested name carries its provider (`groq/llama-3.1-8b-instant`) when a plugin serves that prefix.
      const slash = model.indexOf('/');
      if (slash > 0 && this.#servesProvider(model.slice(0, slash))) {
        provider = model.slice(0, slash);
        upstreamModel = model.slice(slash + 1);
      } else {
        upstreamModel = model;
      }
    }
    const concrete: Deployment = { ...deployment, id: `${deployment.id}[${model}]`, modelName: model, provider, upstreamModel };
    const resolved = resolveDeploymentCapability(concrete, this.#index);
    return createModelTarget({ deployment: concrete, capability: resolved.capability, capabilityName: resolved.name, pricing: resolved.pricing });
  }
}

/** `model_name: "*"` with `model: "*"` (or `openai/*`): any name goes through as it was asked for. */
function passesThrough(deployment: Deployment): boolean {
  return deployment.modelName === '*' && deployment.upstreamModel === '*';
}
