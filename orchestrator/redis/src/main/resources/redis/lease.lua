-- Takes or renews the leader lease. A new holder gets the next fencing token; a renewal keeps it.
-- KEYS: 1 lease (string "id|token", expires with the ttl), 2 fence (counter)
-- ARGV: 1 instance id, 2 ttl ms
-- Returns the holder's token when this instance holds the lease, else 0.
local held = redis.call('GET', KEYS[1])
if held then
  local sep = string.find(held, '|', 1, true)
  if string.sub(held, 1, sep - 1) == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(string.sub(held, sep + 1))
  end
  return 0
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'PX', ARGV[2])
return token
