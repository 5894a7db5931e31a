// Redaction of values that come from outside the gateway: one implementation for every provider plugin.
export { createRedactor, defaultRedactor, type Redactor, type RedactorOptions } from './create-redactor.js';
export { deploymentRedactor } from './deployment-redactor.js';
export { REDACTED, isHighEntropy } from './key-patterns.js';
export { isErrorEvent, redactErrorEvent, redactStreamErrors } from './redact-stream-errors.js';
export { maskUrlCredentials, urlSecrets } from './mask-url-credentials.js';
export { safeErrorCode } from './safe-error-code.js';
