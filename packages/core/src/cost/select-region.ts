import type { Deployment } from '../config/deployment.js';

/** OpenAI's data-residency hosts: `https://eu.api.openai.com/v1` processes requests in the EU. */
const REGIONAL_HOST = /^(eu|us)\.api\.openai\.com$/;

/**
 * The data-residency region a deployment is billed for, which selects the pricing's
 * `regional_uplift` multiplier: `model_info.region` when set (`eu`, `us`, or `none` to opt
 * out), else the region of an OpenAI regional `api_base` (`eu.api.openai.com`), else none.
 * Read once per deployment, never per request.
 */
export function selectRegion(deployment: Deployment): string | undefined {
  const configured = deployment.modelInfo?.region;
  if (typeof configured === 'string' && configured !== '') return configured === 'none' ? undefined : configured.toLowerCase();
  if (deployment.apiBase === undefined) return undefined;
  let host: string;
  try {
    host = new URL(deployment.apiBase).hostname;
  } catch {
    return undefined;
  }
  return REGIONAL_HOST.exec(host)?.[1];
}
