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
   * Called at start-up. Deployments no plugin serves either fail the start (one error naming
   * every one of them) or, with `ignoreInvalid` (router_settings.ignore_invalid_deployments),
   * are returned with one message per provider prefix for the caller to log.
   */
  checkServes(deployments: readonly Deployment[], options: { readonly ignoreInvalid: boolean }): { skipped: Deployment[]; messages: string[] } {
    const skipped = deployments.filter((deployment) => !this.serves(deployment));
    if (skipped.length === 0) return { skipped, messages: [] };
    const messages = describeUnservableDeployments(skipped, this.names);
    if (!options.ignoreInvalid) {
      throw new GatewayError(
        'invalid_config',
        `Invalid config: ${messages.join(' ')} (router_settings.ignore_invalid_deployments is false; without it these deployments are skipped and the others serve.)`,
      );
    }
    return { skipped, messages };
  }

  async close(): Promise<void> {
    await Promise.all([...new Set(this.#byName.values())].map((provider) => provider.close?.()));
  }

  private unknownProvider(deployment: Deployment): GatewayError {
    return new GatewayError('invalid_config', `Invalid config: ${describeUnservableDeployments([deployment], this.names).join(' ')}`);
  }
}
