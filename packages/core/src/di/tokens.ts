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
/** Keys, teams, users and spend (`DataStore`, stores/store-plugin.ts); registered only when keys are in use. */
export const DATA_STORE = Symbol.for('switchyard.DataStore');
/** Budget reservations and rate windows (`CounterStore`); in-process unless a shared one is configured. */
export const COUNTER_STORE = Symbol.for('switchyard.CounterStore');
/** Key-cache invalidation (`InvalidationBus`); local unless a shared one is configured. */
export const INVALIDATION_BUS = Symbol.for('switchyard.InvalidationBus');
