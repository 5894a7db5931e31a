// Public API of @switchyard/default-providers.
export { withDefaultProviders } from './with-default-providers.js';
