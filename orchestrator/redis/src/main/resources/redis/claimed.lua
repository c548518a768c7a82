-- Which of these jobs another live instance has claimed (a dead instance's claims are free to take).
-- KEYS: 1 alive, then one claim key per job
-- ARGV: 1 instance id, then the job ids in the order of their keys
-- Returns the job ids claimed elsewhere.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local elsewhere = {}
for i = 2, #KEYS do
  local owner = redis.call('GET', KEYS[i])
  if owner and owner ~= ARGV[1] and tonumber(redis.call('ZSCORE', KEYS[1], owner) or '0') > now then
    table.insert(elsewhere, ARGV[i])
  end
end
return elsewhere
