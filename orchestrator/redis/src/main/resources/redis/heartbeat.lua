-- Registers this instance (or refreshes it) and keeps it alive for a ttl, on the server's clock.
-- Its runner counts are written only where missing (Redis restarted empty), or always on a rejoin
-- (they may have changed while Redis was away): absolute values, so nothing is ever counted twice.
-- KEYS: 1 alive (zset id -> alive-until ms), 2 members (hash id -> runner prefix), 3 runners, 4 reserved
-- ARGV: 1 instance id, 2 ttl ms, 3 runner prefix, 4 runners, 5 reserved, 6 mode ('tick' or 'rejoin')
-- Returns the server time in ms.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local me = ARGV[1]
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), me)
redis.call('HSET', KEYS[2], me, ARGV[3])
local write = ARGV[6] == 'rejoin' and 'HSET' or 'HSETNX'
redis.call(write, KEYS[3], me, ARGV[4])
redis.call(write, KEYS[4], me, ARGV[5])
return now
