export { gateway, type ExpressGateway } from './gateway.js';
// Re-exported so a host needs one import for stages, errors and types.
export * from '@switchyard/core';
