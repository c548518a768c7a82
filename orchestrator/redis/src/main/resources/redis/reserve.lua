-- Takes up to `wanted` places under the cluster's MAX in one atomic step: what the others use (counted
-- as report.lua counts it: live members, and dead ones whose prefix no live member uses) plus this
-- instance's runners as it states them now.
-- KEYS: 1 alive, 2 runners, 3 reserved, 4 members
-- ARGV: 1 instance id, 2 ttl ms, 3 this instance's runners, 4 wanted, 5 cluster MAX
-- Returns the places granted (this instance's reservation is then exactly that).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local me = ARGV[1]
local mine = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), me)
redis.call('HSET', KEYS[2], me, mine)
local isLive, livePrefixes = {}, {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')) do
  isLive[id] = true
  livePrefixes[redis.call('HGET', KEYS[4], id) or ''] = true
end
local used = mine
for _, id in ipairs(redis.call('HKEYS', KEYS[2])) do
  if id ~= me and (isLive[id] or not livePrefixes[redis.call('HGET', KEYS[4], id) or '']) then
    used = used + tonumber(redis.call('HGET', KEYS[2], id) or '0') + tonumber(redis.call('HGET', KEYS[3], id) or '0')
  end
end
local granted = math.max(0, math.min(tonumber(ARGV[4]), tonumber(ARGV[5]) - used))
redis.call('HSET', KEYS[3], me, granted)
return granted
