import { closestKey } from './edit-distance.js';

/** The `model_info.mode` values LiteLLM knows (litellm/types/utils.py and its model cost map). */
export const LITELLM_MODES: readonly string[] = [
  'chat', 'completion', 'embedding', 'responses', 'batch', 'image_generation', 'image_edit', 'image_variation',
  'audio_transcription', 'audio_speech', 'moderation', 'rerank', 'video_generation', 'ocr', 'search', 'realtime',
  'vector_store', 'assistants', 'files', 'fine_tuning',
];

/** The modes Switchyard serves (chat/completions, responses, embeddings). */
export const SERVED_MODES: ReadonlySet<string> = new Set(['chat', 'responses', 'embedding']);

export type ModeCheck =
  | { readonly kind: 'served' | 'absent' }
  | { readonly kind: 'unserved'; readonly mode: string }
  | { readonly kind: 'typo'; readonly problem: string };

/**
 * Sorts a deployment's `model_info.mode`. A mode Switchyard does not serve still loads (the
 * deployment answers its requests with `unsupported_mode`); a value close to a known mode is a
 * typo (did you mean …?) and any other value an error listing the known modes.
 */
export function checkDeploymentMode(mode: unknown, path: string): ModeCheck {
  if (mode === undefined || mode === null) return { kind: 'absent' };
  if (typeof mode !== 'string') return { kind: 'typo', problem: `${path} must be a string (one of ${LITELLM_MODES.join(', ')})` };
  if (SERVED_MODES.has(mode)) return { kind: 'served' };
  if (LITELLM_MODES.includes(mode)) return { kind: 'unserved', mode };
  const typo = closestKey(mode, LITELLM_MODES);
  if (typo !== undefined) return { kind: 'typo', problem: `${path} "${mode}" is not a known mode; did you mean ${typo}?` };
  return { kind: 'typo', problem: `${path} "${mode}" is not a mode LiteLLM knows (one of ${LITELLM_MODES.join(', ')})` };
}
