-- The leader's count, from a full look at GitHub, of the online runners of dead members' prefixes:
-- it replaces what those members last reported (their containers may have finished or died since),
-- and their reservations lapse. A member alive again by now is left alone: its own report is the truth.
-- KEYS: 1 alive, 2 members, 3 runners, 4 reserved, 5 lease
-- ARGV: 1 instance id, 2 fencing token, then pairs of runner prefix and online runners
-- Returns 1, or 0 when fenced off (this token no longer holds the lease).
local lease = redis.call('GET', KEYS[5])
if lease ~= ARGV[1] .. '|' .. ARGV[2] then
  return 0
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local counts = {}
for i = 3, #ARGV, 2 do
  counts[ARGV[i]] = tonumber(ARGV[i + 1])
end
local members = redis.call('HGETALL', KEYS[2])
for i = 1, #members, 2 do
  local id, prefix = members[i], members[i + 1]
  local n = counts[prefix]
  if n ~= nil and tonumber(redis.call('ZSCORE', KEYS[1], id) or '0') <= now then
    redis.call('HSET', KEYS[3], id, n)
    redis.call('HSET', KEYS[4], id, 0)
    counts[prefix] = 0 -- several dead members of one prefix: the count once
  end
end
return 1
