import type { Deployment } from '../config/deployment.js';
import { configError } from '../config/config-problems.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { Logger } from '../logging/logger.js';
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

  /**
   * Every deployment no registered provider serves, one problem each (without the
   * "Invalid config: " prefix), so start-up and config reload report them all in one run.
   */
  unservable(deployments: readonly Deployment[]): string[] {
    const problems: string[] = [];
    for (const deployment of deployments) {
      if (deployment.mockResponse !== undefined || this.#byName.has(deployment.provider)) continue;
      problems.push(this.unknownProvider(deployment).message.replace(/^Invalid config: /, '').replace(/\.$/, ''));
    }
    return problems;
  }

  /** Called at start-up so a deployment naming an unknown provider fails before any request. */
  assertServes(deployments: readonly Deployment[]): void {
    const problems = this.unservable(deployments);
    if (problems.length > 0) throw configError('deployments', problems);
  }

  async close(): Promise<void> {
    await Promise.all([...new Set(this.#byName.values())].map((provider) => provider.close?.()));
  }

  private unknownProvider(deployment: Deployment): GatewayError {
    return new GatewayError(
      'invalid_config',
      `Invalid config: ${deployment.configPath}.litellm_params.model uses provider "${deployment.provider}", but no provider plugin of that name is registered (registered: ${this.names.join(', ') || 'none'}).`,
    );
  }
}
