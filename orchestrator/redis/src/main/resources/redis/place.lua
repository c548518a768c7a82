-- Writes the MIN placement, fenced: only the holder of the lease with this very token may, so a
-- leader that lost its lease (paused, partitioned) cannot overwrite its successor's placement.
-- KEYS: 1 lease, 2 placement (hash id -> MIN share)
-- ARGV: 1 instance id, 2 token, then pairs of instance id and share
-- Returns 1 when written, 0 when fenced off.
if redis.call('GET', KEYS[1]) ~= ARGV[1] .. '|' .. ARGV[2] then
  return 0
end
redis.call('DEL', KEYS[2])
for i = 3, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
end
return 1
