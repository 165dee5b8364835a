-- Counts the jobs in each state and tells whether the queue is paused, in one consistent read.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base
-- Returns: waiting, delayed, active, completed, failed, dead, paused (1|0)
--- @include "queue-keys"
return {redis.call('ZCARD', waitKey), redis.call('ZCARD', delayedKey),
  redis.call('ZCARD', activeKey), redis.call('ZCARD', completedKey),
  redis.call('ZCARD', failedKey), redis.call('ZCARD', deadKey), redis.call('EXISTS', pausedKey)}
