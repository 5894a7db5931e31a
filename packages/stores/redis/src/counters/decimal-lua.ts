/**
 * Exact non-negative decimal arithmetic for Lua (Redis's Lua numbers are doubles, exact only
 * to 2^53, and its integers are 64-bit: money in attoUSD passes both, 2^63 attoUSD is $9.22).
 * Amounts travel and rest as decimal strings; a script works on them as little-endian limbs of
 * seven digits, so a limb sum stays far below 2^53. Subtraction clamps at zero.
 */
export const DECIMAL_LUA = `
local BASE = 10000000
local function dparse(text)
  local limbs = {}
  local i = #text
  while i >= 1 do
    local j = math.max(1, i - 6)
    limbs[#limbs + 1] = tonumber(string.sub(text, j, i))
    i = j - 1
  end
  if #limbs == 0 then limbs[1] = 0 end
  return limbs
end
local function dformat(limbs)
  local n = #limbs
  while n > 1 and limbs[n] == 0 do n = n - 1 end
  local parts = { string.format('%d', limbs[n]) }
  for k = n - 1, 1, -1 do parts[#parts + 1] = string.format('%07d', limbs[k]) end
  return table.concat(parts)
end
local function dcmp(a, b)
  local na, nb = #a, #b
  while na > 1 and a[na] == 0 do na = na - 1 end
  while nb > 1 and b[nb] == 0 do nb = nb - 1 end
  if na ~= nb then return na < nb and -1 or 1 end
  for k = na, 1, -1 do
    if a[k] ~= b[k] then return a[k] < b[k] and -1 or 1 end
  end
  return 0
end
local function dadd(a, b)
  local result, carry = {}, 0
  for k = 1, math.max(#a, #b) do
    local sum = (a[k] or 0) + (b[k] or 0) + carry
    if sum >= BASE then result[k] = sum - BASE; carry = 1 else result[k] = sum; carry = 0 end
  end
  if carry > 0 then result[#result + 1] = carry end
  return result
end
local function dsub(a, b)
  if dcmp(a, b) <= 0 then return { 0 } end
  local result, borrow = {}, 0
  for k = 1, #a do
    local difference = a[k] - (b[k] or 0) - borrow
    if difference < 0 then result[k] = difference + BASE; borrow = 1 else result[k] = difference; borrow = 0 end
  end
  return result
end
local function dstr_add(a, b) return dformat(dadd(dparse(a), dparse(b))) end
local function dstr_sub(a, b) return dformat(dsub(dparse(a), dparse(b))) end
`;
