/** The model families whose Converse extras differ (thinking, reasoning config, top_k). */
export type ModelFamily = 'claude' | 'nova' | 'other';

/**
 * By the model id's vendor part, after an inference profile's geography (`us.`, `eu.`, `global.`,
 * …) or an ARN's resource path: `us.anthropic.claude-…` and `anthropic.claude-…` are Claude.
 */
export function modelFamily(modelId: string): ModelFamily {
  const id = modelId.slice(modelId.lastIndexOf('/') + 1);
  if (/(^|\.)anthropic\.claude/.test(id) || id.includes('claude')) return 'claude';
  if (/(^|\.)amazon\.nova/.test(id)) return 'nova';
  return 'other';
}
