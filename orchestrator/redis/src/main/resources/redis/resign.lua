-- Gives the leader lease up at shutdown, only if this instance holds it with this token.
-- KEYS: 1 lease; ARGV: 1 instance id, 2 token
if redis.call('GET', KEYS[1]) == ARGV[1] .. '|' .. ARGV[2] then
  return redis.call('DEL', KEYS[1])
end
return 0
