-- The number of jobs in each state and whether the queue is paused, in one consistent read.
-- KEYS: wait delayed active completed failed dead marker seq paused
return {redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2]), redis.call('ZCARD', KEYS[3]),
  redis.call('ZCARD', KEYS[4]), redis.call('ZCARD', KEYS[5]), redis.call('ZCARD', KEYS[6]),
  redis.call('EXISTS', KEYS[9])}
