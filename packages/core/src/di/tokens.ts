/**
 * Tokens for the services of one gateway's tsyringe container (`gateway.container`), each
 * registered by an explicit factory when the gateway is built, never resolved per request.
 */
export const LOGGER = Symbol.for('switchyard.Logger');
export const SETTINGS = Symbol.for('switchyard.Settings');
export const PROVIDER_REGISTRY = Symbol.for('switchyard.ProviderRegistry');
export const CAPABILITY_STORE = Symbol.for('switchyard.CapabilityStore');
export const CLOCK = Symbol.for('switchyard.Clock');
/** The router's random source (`() => number` in [0, 1)): swapped in tests for deterministic picks. */
export const RANDOM = Symbol.for('switchyard.Random');

/** Milliseconds since the epoch; swapped in tests. */
export type Clock = () => number;
