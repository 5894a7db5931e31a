import { buildSnapshot } from '../../capabilities/build-snapshot.js';
import type { ModelTarget } from '../../capabilities/capability-snapshot.js';
import { builtinCapabilityFiles } from '../../capabilities/builtin-capability-files.js';
import { collectCapabilityEntries } from '../../capabilities/collect-capability-entries.js';
import { loadSettings } from '../../config/load-settings.js';
import type { GatewayConfig } from '../../generated/config.js';
import type { Endpoint } from '../../providers/provider.js';
import { isGatewayError } from '../../errors/gateway-error.js';

/** A snapshot of the shipped capability files for these deployments (`model_name` → `litellm_params.model`). */
export function targets(modelList: GatewayConfig['model_list']): Map<string, ModelTarget> {
  const settings = loadSettings({ config: { model_list: modelList }, env: {} });
  const snapshot = buildSnapshot({ settings, entries: collectCapabilityEntries(builtinCapabilityFiles()), version: 1 });
  return new Map([...snapshot.targets].map(([name, list]) => [name, list[0]!]));
}

/** The target of one shipped model, served under its own name. */
export function target(model: string): ModelTarget {
  return targets([{ model_name: model, litellm_params: { model: `openai/${model}`, api_key: 'sk-test' } }]).get(model)!;
}

export const chat = (extra: Record<string, unknown> = {}) => ({ model: 'm', messages: [{ role: 'user', content: 'Hi' }], ...extra });

/** The OpenAI error body `prepare` throws, or undefined when it passes. */
export function refusal(subject: ModelTarget, endpoint: Endpoint, body: Record<string, unknown>, dropParams = false) {
  try {
    subject.prepare(endpoint, body, { dropParams });
    return undefined;
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    return { status: error.status, ...error.toJSON().error };
  }
}
