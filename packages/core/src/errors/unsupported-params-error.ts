import { GatewayError } from './gateway-error.js';

export type UnsupportedParamsCode =
  | 'unsupported_parameter'
  | 'unsupported_value'
  | 'invalid_type'
  | 'invalid_value'
  | 'missing_required_parameter'
  | 'context_length_exceeded';

/**
 * A request the model would refuse, caught before any upstream call. Shaped like OpenAI's own
 * 400 so clients treat it exactly like an upstream refusal.
 */
export class UnsupportedParamsError extends GatewayError {
  constructor(code: UnsupportedParamsCode, message: string, param: string | null) {
    super(code, message, { status: 400, type: 'invalid_request_error', param });
    this.name = 'UnsupportedParamsError';
  }
}
