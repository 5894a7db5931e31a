/**
 * The router's Lua scripts: each runs atomically in Redis, so counts from several instances
 * never interleave half-way. Every key starts with the configured prefix (a `{…}` hash tag in
 * the default keeps them in one Redis Cluster slot).
 *
 * Keys: `<prefix>use:<minute>:<id>` (hash: r requests, t tokens, f failures, c:<ErrorClass>),
 * expiring two minutes after its last write; `<prefix>cool:<id>` ("<until ms>|<reason>",
 * expiring with the cooldown); `<prefix>inflight:<instance>` (hash id → calls in flight on that
 * instance); `<prefix>instances` (sorted set of instances by last heartbeat); cooldowns are
 * published on `<prefix>events` as "<id>|<until ms>|<reason>".
 */

/**
 * One exchange with Redis for a batch of deployments: adds this instance's counts since the
 * last exchange, records its calls in flight and its heartbeat, stores and publishes new
 * cooldowns, and returns, per deployment, the minute's counts, the calls in flight on the other
 * live instances, and the current cooldown.
 *
 * ARGV: prefix, instance, now, stale ms, usage ttl ms, count, then per deployment:
 * id, minute, in-flight here, cooldown until (0: none), reason, number of fields, field, delta, …
 */
export const SYNC_SCRIPT = `
local prefix, instance = ARGV[1], ARGV[2]
local now, stale, ttl, count = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local instances = prefix .. 'instances'
local mine = prefix .. 'inflight:' .. instance
redis.call('ZADD', instances, now, instance)
redis.call('ZREMRANGEBYSCORE', instances, '-inf', now - stale)
local others = {}
for _, other in ipairs(redis.call('ZRANGE', instances, 0, -1)) do
  if other ~= instance then others[#others + 1] = prefix .. 'inflight:' .. other end
end
local result = {}
local i = 7
for d = 1, count do
  local id, minute, inflight, cooldownText, reason, fields = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], tonumber(ARGV[i + 5])
  local cooldown = tonumber(cooldownText)
  i = i + 6
  local usage = prefix .. 'use:' .. minute .. ':' .. id
  for _ = 1, fields do
    redis.call('HINCRBY', usage, ARGV[i], ARGV[i + 1])
    i = i + 2
  end
  if fields > 0 then redis.call('PEXPIRE', usage, ttl) end
  redis.call('HSET', mine, id, inflight)
  local coolKey = prefix .. 'cool:' .. id
  local current = redis.call('GET', coolKey)
  if cooldown > now then
    local currentUntil = current and tonumber(string.match(current, '^(%d+)')) or 0
    if cooldown > currentUntil then
      current = cooldownText .. '|' .. reason
      redis.call('SET', coolKey, current, 'PX', cooldown - now)
      redis.call('PUBLISH', prefix .. 'events', id .. '|' .. current)
    end
  end
  local elsewhere = 0
  for _, key in ipairs(others) do elsewhere = elsewhere + (tonumber(redis.call('HGET', key, id)) or 0) end
  result[d] = { redis.call('HGETALL', usage), elsewhere, current or '' }
end
redis.call('PEXPIRE', mine, stale)
return result
`;

/**
 * usage-based-routing-v2's admission: counts one request against the deployment's minute only
 * if the minute has room (requests + 1 ≤ rpm, tokens ≤ tpm), as one atomic step.
 * KEYS[1]: the usage hash. ARGV: rpm (-1: none), tpm (-1: none), usage ttl ms.
 * Returns {admitted 0/1, requests, tokens}.
 */
export const ADMIT_SCRIPT = `
local requests = tonumber(redis.call('HGET', KEYS[1], 'r') or '0')
local tokens = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
local rpm, tpm = tonumber(ARGV[1]), tonumber(ARGV[2])
if (rpm >= 0 and requests + 1 > rpm) or (tpm >= 0 and tokens > tpm) then return { 0, requests, tokens } end
requests = redis.call('HINCRBY', KEYS[1], 'r', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { 1, requests, tokens }
`;
