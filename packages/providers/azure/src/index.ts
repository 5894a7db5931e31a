// Public API of @switchyard/provider-azure.
export { azure } from './azure-provider.js';
export type { AzureProviderOptions } from './azure-provider-options.js';
export { withAzure } from './with-azure.js';
