import { mapTransportError, type ProviderCall } from '@switchyard/core';
import type { Dispatcher } from 'undici';
import type { BedrockTarget } from './bedrock-target.js';
import { mapBedrockError } from './map-bedrock-error.js';

/**
 * POST one signed request to Bedrock. Non-2xx answers become GatewayErrors (status mapped from
 * the exception type, message redacted); transport failures 499/502/504. The body is left for
 * the caller to read.
 */
export async function postToBedrock(call: ProviderCall, target: BedrockTarget, path: string, body: string): Promise<Dispatcher.ResponseData> {
  try {
    const headers = await target.signer.headers(path, body);
    const response = await target.dispatcher.request({
      origin: target.origin,
      path,
      method: 'POST',
      headers,
      body,
      signal: call.signal,
      headersTimeout: call.stream ? target.streamHeadersTimeoutMs : target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
    if (response.statusCode < 200 || response.statusCode > 299) throw await mapBedrockError(response, target.redactor);
    return response;
  } catch (error) {
    throw mapTransportError(error, { target, call });
  }
}
