import { randomUUID } from 'node:crypto';
import { GatewayError } from '@switchyard/core';

/** Options of `configureRedisRouterState`; every one has a default. */
export interface RedisRouterStateOptions {
  /** Start of every key and of the pub/sub channel (default `switchyard:{router}:`); instances that share state use the same. */
  readonly keyPrefix?: string;
  /** How often an instance sends its heartbeat and reads the others' counts when idle (default 500 ms). */
  readonly pollIntervalMs?: number;
  /** A Redis command not answered within this time fails; routing goes on locally (default 250 ms). */
  readonly commandTimeoutMs?: number;
  /** This instance's name in Redis (default a random UUID per gateway). */
  readonly instanceId?: string;
}

export interface RedisRouterStateSettings {
  readonly keyPrefix: string;
  readonly pollIntervalMs: number;
  readonly commandTimeoutMs: number;
  readonly instanceId: string;
  /** An instance silent for this long is dead: its calls in flight no longer count (4 polls, at least 5 s). */
  readonly staleMs: number;
  /** A minute's counts are kept this long after their last write. */
  readonly usageTtlMs: number;
}

/** Checked when the factory is built, not on the first request. */
export function readRedisRouterStateOptions(options: RedisRouterStateOptions = {}): RedisRouterStateSettings {
  const keyPrefix = options.keyPrefix ?? 'switchyard:{router}:';
  if (typeof keyPrefix !== 'string' || keyPrefix === '' || /\s/.test(keyPrefix)) throw invalid('keyPrefix', 'must be a non-empty string without spaces');
  const pollIntervalMs = positive(options.pollIntervalMs ?? 500, 'pollIntervalMs');
  const commandTimeoutMs = positive(options.commandTimeoutMs ?? 250, 'commandTimeoutMs');
  const instanceId = options.instanceId ?? randomUUID();
  if (!/^[\w.:-]{1,128}$/.test(instanceId)) throw invalid('instanceId', 'must be 1–128 letters, digits, _ . : or -');
  return { keyPrefix, pollIntervalMs, commandTimeoutMs, instanceId, staleMs: Math.max(5_000, 4 * pollIntervalMs), usageTtlMs: 120_000 };
}

function positive(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw invalid(name, 'must be a number of milliseconds > 0');
  return value;
}

function invalid(name: string, problem: string): GatewayError {
  return new GatewayError('invalid_config', `redisRouterState: ${name} ${problem}`);
}
