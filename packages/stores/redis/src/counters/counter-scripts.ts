import { DECIMAL_LUA } from './decimal-lua.js';

/**
 * The counter store's Lua scripts: each checks and charges (or gives back) every counter of a
 * request in one atomic step, so concurrent requests on any number of instances never both
 * take the last of a budget. Every key starts with the prefix (a `{…}` hash tag in the default
 * keeps them in one Redis Cluster slot). Money is exact decimal text (see decimal-lua.ts).
 *
 * Keys: `<p>b:<id>|<window end>` budget hash (s spent, r reserved), expiring an hour after its
 * window; `<p>bl:<id>|<window end>` the budget's live reservations (sorted set of
 * "<amount>|<reservation>" by lease end: a reservation whose instance died is given back when
 * its lease ends); `<p>p:<id>` calls in flight (sorted set of reservations by lease end);
 * `<p>r:<minute>:<id>` a rate window (q requests, t tokens), expiring after two minutes;
 * `<p>d:<reservation>` marks a reservation finished (settle and release happen once).
 */

/** Lease sweep of one budget, then its spent and reserved: shared by reserve and budget states. */
const BUDGET_LUA = `
local function budget_state(P, id, win, baseline, now)
  local key, leases = P .. 'b:' .. id .. '|' .. win, P .. 'bl:' .. id .. '|' .. win
  local values = redis.call('HMGET', key, 's', 'r')
  local spent, reserved = values[1] or baseline, values[2] or '0'
  local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', now)
  if #expired > 0 then
    for _, member in ipairs(expired) do reserved = dstr_sub(reserved, string.match(member, '^(%d+)|')) end
    redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
    redis.call('HSET', key, 's', spent, 'r', reserved)
  end
  return key, leases, spent, reserved
end
`;

/**
 * ARGV: prefix, reservation, now, minute, amount, tokens, lease ms, then the budgets
 * (count, then id, window end or '', limit, baseline each), the parallel counts (count, then
 * id, limit each), the rate windows (count, then id, rpm or '', tpm or '' each).
 * Returns {1, q, t per rate window} or {0, kind, id, …refusal fields, q, t per rate window}.
 */
export const RESERVE_SCRIPT = `${DECIMAL_LUA}${BUDGET_LUA}
local P, rid, now, minute, amount, tokens, lease = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
local i = 8
local budgets, parallel, rates = {}, {}, {}
for k = 1, tonumber(ARGV[i]) do budgets[k] = { id = ARGV[i + 4 * k - 3], win = ARGV[i + 4 * k - 2], limit = ARGV[i + 4 * k - 1], baseline = ARGV[i + 4 * k] } end
i = i + 1 + 4 * #budgets
for k = 1, tonumber(ARGV[i]) do parallel[k] = { id = ARGV[i + 2 * k - 1], limit = tonumber(ARGV[i + 2 * k]) } end
i = i + 1 + 2 * #parallel
for k = 1, tonumber(ARGV[i]) do rates[k] = { id = ARGV[i + 3 * k - 2], rpm = tonumber(ARGV[i + 3 * k - 1]), tpm = tonumber(ARGV[i + 3 * k]) } end

local function reply(head)
  for _, rate in ipairs(rates) do
    local values = redis.call('HMGET', P .. 'r:' .. minute .. ':' .. rate.id, 'q', 't')
    head[#head + 1] = tonumber(values[1] or '0')
    head[#head + 1] = tonumber(values[2] or '0')
  end
  return head
end

local charged = dcmp(dparse(amount), { 0 }) > 0
if charged then
  for _, b in ipairs(budgets) do
    b.key, b.leases, b.spent, b.reserved = budget_state(P, b.id, b.win, b.baseline, now)
    if dcmp(dadd(dadd(dparse(b.spent), dparse(b.reserved)), dparse(amount)), dparse(b.limit)) > 0 then
      return reply({ 0, 'budget', b.id, b.limit, b.spent, b.reserved, b.win })
    end
  end
end
for _, p in ipairs(parallel) do
  p.key = P .. 'p:' .. p.id
  redis.call('ZREMRANGEBYSCORE', p.key, '-inf', now)
  local count = redis.call('ZCARD', p.key)
  if count + 1 > p.limit then return reply({ 0, 'parallel', p.id, p.limit, count }) end
end
for _, r in ipairs(rates) do
  r.key = P .. 'r:' .. minute .. ':' .. r.id
  local used = tonumber(redis.call('HGET', r.key, 'q') or '0')
  if r.rpm and used + 1 > r.rpm then return reply({ 0, 'rpm', r.id, r.rpm, used }) end
end
for _, r in ipairs(rates) do
  local used = tonumber(redis.call('HGET', r.key, 't') or '0')
  if r.tpm and used + tokens > r.tpm then return reply({ 0, 'tpm', r.id, r.tpm, used }) end
end

local expiry = now + lease
if charged then
  for _, b in ipairs(budgets) do
    redis.call('HSET', b.key, 's', b.spent, 'r', dstr_add(b.reserved, amount))
    redis.call('ZADD', b.leases, expiry, amount .. '|' .. rid)
    if b.win ~= '' then
      local ttl = tonumber(b.win) - now + 3600000
      if ttl > 0 then
        redis.call('PEXPIRE', b.key, ttl)
        redis.call('PEXPIRE', b.leases, ttl)
      end
    end
  end
end
for _, p in ipairs(parallel) do redis.call('ZADD', p.key, expiry, rid) end
for _, r in ipairs(rates) do
  redis.call('HINCRBY', r.key, 'q', 1)
  redis.call('HINCRBY', r.key, 't', tokens)
  redis.call('PEXPIRE', r.key, 120000)
end
return reply({ 1 })
`;

/**
 * Settle (cost, tokens used) or release (cost 0, tokens 0) a reservation, once.
 * ARGV: prefix, reservation, settle 1/0, cost, tokens used, amount, tokens reserved, minute,
 * done ttl ms, then the budgets (count, then id, window end or '' each), the rate window ids
 * (count, ids), the parallel ids (count, ids). Returns 1, or 0 when it was finished already.
 */
export const FINISH_SCRIPT = `${DECIMAL_LUA}
local P, rid, settle, cost, used, amount, reserved, minute, doneTtl = ARGV[1], ARGV[2], ARGV[3] == '1', ARGV[4], tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7]), ARGV[8], ARGV[9]
if not redis.call('SET', P .. 'd:' .. rid, '1', 'NX', 'PX', doneTtl) then return 0 end
local i = 10
local budgetCount = tonumber(ARGV[i])
if dcmp(dparse(amount), { 0 }) > 0 then
  for k = 1, budgetCount do
    local id, win = ARGV[i + 2 * k - 1], ARGV[i + 2 * k]
    local key = P .. 'b:' .. id .. '|' .. win
    -- A window that ended and expired is not brought back.
    if win == '' or redis.call('EXISTS', key) == 1 then
      local values = redis.call('HMGET', key, 's', 'r')
      local spent, held = values[1] or '0', values[2] or '0'
      if redis.call('ZREM', P .. 'bl:' .. id .. '|' .. win, amount .. '|' .. rid) == 1 then held = dstr_sub(held, amount) end
      if settle then spent = dstr_add(spent, cost) end
      redis.call('HSET', key, 's', spent, 'r', held)
    end
  end
end
i = i + 1 + 2 * budgetCount
local rateCount = tonumber(ARGV[i])
for k = 1, rateCount do
  local key = P .. 'r:' .. minute .. ':' .. ARGV[i + k]
  if redis.call('EXISTS', key) == 1 then
    local tokens = redis.call('HINCRBY', key, 't', (settle and used or 0) - reserved)
    if tokens < 0 then redis.call('HSET', key, 't', 0) end
  end
end
i = i + 1 + rateCount
for k = 1, tonumber(ARGV[i]) do redis.call('ZREM', P .. 'p:' .. ARGV[i + k], rid) end
return 1
`;

/**
 * Budget states. ARGV: prefix, now, then id, window end or '', baseline per budget.
 * Returns spent, reserved per budget.
 */
export const BUDGET_STATES_SCRIPT = `${DECIMAL_LUA}${BUDGET_LUA}
local P, now = ARGV[1], tonumber(ARGV[2])
local result = {}
for k = 3, #ARGV, 3 do
  local _, _, spent, reserved = budget_state(P, ARGV[k], ARGV[k + 1], ARGV[k + 2], now)
  result[#result + 1] = spent
  result[#result + 1] = reserved
end
return result
`;
