/**
 * Tokens for the services of one gateway's tsyringe container. A host can read them from
 * `gateway.container`, or pre-register its own before the gateway builds (`options.container`).
 */
export const LOGGER = Symbol.for('switchyard.Logger');
export const SETTINGS = Symbol.for('switchyard.Settings');
export const PROVIDER_REGISTRY = Symbol.for('switchyard.ProviderRegistry');
export const CAPABILITY_STORE = Symbol.for('switchyard.CapabilityStore');
export const CLOCK = Symbol.for('switchyard.Clock');
export const COST_LISTENERS = Symbol.for('switchyard.CostListeners');

/** Milliseconds since the epoch; swapped in tests. */
export type Clock = () => number;
