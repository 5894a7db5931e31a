import type { ModelCapability } from '../generated/capability.js';

export interface ModelDiff {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
  /** The family each added model got (`null`: none), so a day-0 model's rules are visible. */
  readonly families: Record<string, string | null>;
  /** Each changed model's field-level changes: `pricing.input 5e-6 → 4e-6`. */
  readonly changes: Record<string, string[]>;
}

/** Models added, removed and changed (any difference in the entry) between two snapshots, by own name, each list sorted. */
export function diffCapabilityModels(before: ReadonlyMap<string, ModelCapability>, after: ReadonlyMap<string, ModelCapability>): ModelDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  const families: Record<string, string | null> = {};
  const changes: Record<string, string[]> = {};
  for (const [name, entry] of after) {
    const previous = before.get(name);
    if (previous === undefined) {
      added.push(name);
      families[name] = entry.extends ?? null;
    } else if (!jsonEqual(previous, entry)) {
      changed.push(name);
      const lines: string[] = [];
      describeChanges(previous, entry, '', lines);
      changes[name] = lines;
    }
  }
  for (const name of before.keys()) if (!after.has(name)) removed.push(name);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort(), families: sortKeys(families), changes: sortKeys(changes) };
}

/** Leaf-level differences between two JSON values, `path before → after`; objects are walked, other values (lists too) compared whole. */
export function describeChanges(before: unknown, after: unknown, path: string, lines: string[]): void {
  if (jsonEqual(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(after), ...Object.keys(before).filter((key) => !Object.hasOwn(after, key))];
    for (const key of keys) describeChanges(before[key], after[key], path === '' ? key : `${path}.${key}`, lines);
    return;
  }
  lines.push(`${path} ${show(before)} → ${show(after)}`);
}

function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  // Prices are per token: 5e-6 reads better than 0.000005.
  if (typeof value === 'number' && value !== 0 && Math.abs(value) < 1e-3) return value.toExponential();
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));
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
