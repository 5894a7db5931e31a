export { ERROR_CODES, type ErrorCode } from './error-codes.js';
export { GatewayError, isGatewayError, type GatewayErrorOptions, type OpenAIErrorBody } from './gateway-error.js';
export { UnsupportedParamsError, type UnsupportedParamsCode } from './unsupported-params-error.js';
export { toErrorResponse } from './to-error-response.js';
export { errorResponseForPath, isAnthropicPath } from './error-response-for-path.js';
