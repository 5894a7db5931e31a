/* eslint-disable */
/**
 * DO NOT EDIT. Generated from schemas/capability.schema.json by scripts/gen-types.mjs (pnpm gen).
 * A test fails when this file is stale.
 */

export interface CapabilityFile {
  models: {
    [k: string]: ModelCapability;
  };
  [k: string]: unknown;
}
/**
 * This interface was referenced by `CapabilityFile`'s JSON-Schema
 * via the `definition` "ModelCapability".
 */
export interface ModelCapability {
  provider: string;
  mode: 'chat' | 'responses' | 'embedding';
  [k: string]: unknown;
}
