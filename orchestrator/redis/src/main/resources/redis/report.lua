-- A pass reports this instance's live runners (absolute, so a rejoin never counts twice), gives back
-- the places it reserved (they are runners now, or failed), and learns what the others use: the live
-- members' runners and reservations, and what dead members last reported or the leader last counted
-- of theirs on GitHub (a killed instance's containers run on without it), unless a live member uses
-- the dead one's runner prefix (its registrations are then that member's to judge).
-- KEYS: 1 alive, 2 members, 3 runners (hash id -> n), 4 reserved (hash id -> n), 5 placement (hash id -> MIN share)
-- ARGV: 1 instance id, 2 ttl ms, 3 runner prefix, 4 this instance's runners
-- Returns strings: {others' runners + reservations, MIN share or -1 when not placed, live ids...}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local me = ARGV[1]
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), me)
redis.call('HSET', KEYS[2], me, ARGV[3])
redis.call('HSET', KEYS[3], me, ARGV[4])
redis.call('HSET', KEYS[4], me, 0)
local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
local isLive, livePrefixes = {}, {}
for _, id in ipairs(live) do
  isLive[id] = true
  livePrefixes[redis.call('HGET', KEYS[2], id) or ''] = true
end
local others = 0
for _, id in ipairs(redis.call('HKEYS', KEYS[3])) do
  if id ~= me and (isLive[id] or not livePrefixes[redis.call('HGET', KEYS[2], id) or '']) then
    others = others + tonumber(redis.call('HGET', KEYS[3], id) or '0') + tonumber(redis.call('HGET', KEYS[4], id) or '0')
  end
end
local share = tonumber(redis.call('HGET', KEYS[5], me) or '-1')
local answer = {tostring(others), tostring(share)}
for _, id in ipairs(live) do
  table.insert(answer, id)
end
return answer
