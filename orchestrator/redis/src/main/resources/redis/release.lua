-- Gives a claim back, only if this instance holds it.
-- KEYS: 1 claim key; ARGV: 1 instance id
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
