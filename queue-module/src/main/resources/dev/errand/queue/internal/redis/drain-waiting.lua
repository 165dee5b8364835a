-- Deletes up to 1000 waiting jobs (delayed, running and finished ones stay).
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base
-- Returns: how many it deleted
--- @include "queue-keys"
--- @include "delete-jobs"
return deleteJobsIn(waitKey, redis.call('ZRANGE', waitKey, 0, 999))
