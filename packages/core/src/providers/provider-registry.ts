import type { Deployment } from '../config/deployment.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { Logger } from '../logging/logger.js';
import { describeUnservableDeployments } from './describe-unservable-deployments.js';
import { createMockProvider } from './mock-provider.js';
import type { Provider, ProviderPlugin } from './provider.js';

/** The providers of one gateway, created from their plugins once, by name and alias. */
export class ProviderRegistry {
  readonly #byName = new Map<string, Provider>();
  readonly #plugins: readonly ProviderPlugin[];
  readonly #mock = createMockProvider();

  constructor(plugins: readonly ProviderPlugin[], logger: Logger) {
    this.#plugins = plugins;
    for (const plugin of plugins) {
      const provider = plugin.create({ logger: logger.child?.({ provider: plugin.name }) ?? logger });
      for (const name of [plugin.name, ...(plugin.aliases ?? [])]) this.#byName.set(name, provider);
    }
  }

  get plugins(): readonly ProviderPlugin[] {
    return this.#plugins;
  }

  get names(): string[] {
    return [...this.#byName.keys()];
  }

  /** The provider that serves a deployment; `mock_response` deployments are answered locally. */
  forDeployment(deployment: Deployment): Provider {
    if (deployment.mockResponse !== undefined) return this.#mock;
    const provider = this.#byName.get(deployment.provider);
    if (provider === undefined) throw this.unknownProvider(deployment);
    return provider;
  }

  /** Whether a registered plugin serves this `litellm_params.model` prefix. */
  servesProvider(name: string): boolean {
    return this.#byName.has(name);
  }

  /** Whether a plugin (or the local mock) serves this deployment. */
  serves(deployment: Deployment): boolean {
    return deployment.mockResponse !== undefined || this.#byName.has(deployment.provider);
  }

  /**
   * Deployments no plugin serves, with one message per provider prefix. With `ignoreInvalid`
   * (router_settings.ignore_invalid_deployments, default true) they are skipped and the caller
   * logs the messages; without it each message is a config problem, reported with every other
   * problem of the file in one error (start-up and config reload alike).
   */
  checkServes(deployments: readonly Deployment[], options: { readonly ignoreInvalid: boolean }): ServesCheck {
    const skipped = deployments.filter((deployment) => !this.serves(deployment));
    const empty = deployments
      .filter((deployment) => deployment.upstreamModel === '' && deployment.mockResponse === undefined && this.serves(deployment))
      .map((deployment) => `${deployment.configPath}.litellm_params.model must look like provider/model (got "${deployment.provider}/")`);
    // LiteLLM loads `azure/` (one of its own example configs has it): under ignore_invalid_deployments
    // it loads here too, warned about, and its requests fail with the provider's invalid_config.
    const problems = options.ignoreInvalid ? [] : empty;
    const warnings = options.ignoreInvalid ? empty.map((line) => `${line}; its requests fail until it names a model`) : [];
    if (skipped.length === 0) return { skipped, messages: [], problems, warnings };
    const messages = describeUnservableDeployments(skipped, this.names);
    if (options.ignoreInvalid) return { skipped, messages, problems, warnings };
    const why = 'router_settings.ignore_invalid_deployments is false; without it these deployments are skipped and the others serve';
    return { skipped, messages, problems: [...problems, ...messages.map((message) => `${message.replace(/\.$/, '')} (${why})`)], warnings };
  }

  async close(): Promise<void> {
    await Promise.all([...new Set(this.#byName.values())].map((provider) => provider.close?.()));
  }

  private unknownProvider(deployment: Deployment): GatewayError {
    return new GatewayError('invalid_config', `Invalid config: ${describeUnservableDeployments([deployment], this.names).join(' ')}`);
  }
}

export interface ServesCheck {
  readonly skipped: Deployment[];
  /** Deployments that load but cannot answer (a model string with nothing after the prefix). */
  readonly warnings: string[];
  /** One line per unserved provider prefix, naming its deployments (and an alternative). */
  readonly messages: string[];
  /** The same lines as config problems, when unserved deployments fail the config. */
  readonly problems: string[];
}
