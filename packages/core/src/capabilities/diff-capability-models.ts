import type { ModelCapability } from '../generated/capability.js';

export interface ModelDiff {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

/** Models added, removed and changed (any difference in the entry) between two snapshots, by own name, each list sorted. */
export function diffCapabilityModels(before: ReadonlyMap<string, ModelCapability>, after: ReadonlyMap<string, ModelCapability>): ModelDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [name, entry] of after) {
    const previous = before.get(name);
    if (previous === undefined) added.push(name);
    else if (!jsonEqual(previous, entry)) changed.push(name);
  }
  for (const name of before.keys()) if (!after.has(name)) removed.push(name);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

/** Deep equality of JSON values; key order does not matter, array order does. */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left)) {
    const other = right as unknown[];
    return left.length === other.length && left.every((value, index) => jsonEqual(value, other[index]));
  }
  const leftRecord = left as Record<string, unknown>;
  const rightRecord = right as Record<string, unknown>;
  const keys = Object.keys(leftRecord);
  if (keys.length !== Object.keys(rightRecord).length) return false;
  return keys.every((key) => Object.hasOwn(rightRecord, key) && jsonEqual(leftRecord[key], rightRecord[key]));
}
