-- Marks the ready steps among ids as enqueued, their jobs being in their queues, and takes ids out
-- of the ready set; a step no longer ready (finished meanwhile) keeps its state. One HMGET, HSET
-- and SREM per 500 ids. Returns how many were ready.
local function markEnqueued(stateKey, readyKey, ids)
  local count = 0
  for from = 1, #ids, 500 do
    local last = math.min(from + 499, #ids)
    local states = redis.call('HMGET', stateKey, unpack(ids, from, last))
    local marks = {}
    for k, s in ipairs(states) do
      if s == 'R' then
        marks[#marks + 1] = ids[from + k - 1]
        marks[#marks + 1] = 'E'
        count = count + 1
      end
    end
    if #marks > 0 then
      redis.call('HSET', stateKey, unpack(marks))
    end
    redis.call('SREM', readyKey, unpack(ids, from, last))
  end
  return count
end
