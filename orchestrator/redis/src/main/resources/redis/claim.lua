-- Claims a job for this instance. A claim held by an instance that is no longer alive is taken over
-- at once instead of waiting for its ttl. With ARGV[3] = 'reassert' a claim this instance holds is
-- renewed too (after a rejoin); otherwise it answers 0, like any claim already held.
-- KEYS: 1 claim key, 2 alive
-- ARGV: 1 instance id, 2 ttl ms, 3 mode ('claim' or 'reassert')
-- Returns 1 when this instance holds the claim now.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local owner = redis.call('GET', KEYS[1])
if owner then
  local mine = owner == ARGV[1]
  local aliveUntil = tonumber(redis.call('ZSCORE', KEYS[2], owner) or '0')
  if (mine and ARGV[3] ~= 'reassert') or (not mine and aliveUntil > now) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
