-- Deletes up to 1000 finished jobs of one state: those that finished more than olderThanMs ago,
-- or those beyond the newest keep.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base setIndex(4 completed|5 failed|6 dead) olderThanMs keep (-1 for the one not used)
-- Returns: how many it deleted
--- @include "queue-keys"
--- @include "server-time"
--- @include "trim-finished"
local setKey = KEYS[tonumber(ARGV[2])]
local olderThan, keep = tonumber(ARGV[3]), tonumber(ARGV[4])
if olderThan >= 0 then
  return deleteFinishedBefore(setKey, string.format('%d', serverTimeMillis() - olderThan))
end
return deleteFinishedBeyond(setKey, keep)
