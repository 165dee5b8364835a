--- @include "queue-keys"
--- @include "job-events"
-- Deduplication keys: 'dedup:<key>' holds the id of the job that stands for the adds of the key,
-- expiring with the window (throttle, debounce) or kept while the job is unfinished (while
-- unfinished: the job's 'dk' field names the key, and its end deletes it). Modes: t throttle,
-- d debounce, u while unfinished.

local function dedupKeyOf(key)
  return base .. 'dedup:' .. key
end

-- The id of the job standing for an add of key, which then stores nothing, or nil when the add is
-- to be stored. A debounced standing job that has not started takes the add's payload and options,
-- and falls due at due (ms, text) with its window restarted. Tells subscribers either way.
local function standingJob(mode, key, windowMs, name, payload, options, due)
  local dedupKey = dedupKeyOf(key)
  local id = redis.call('GET', dedupKey)
  if not id then
    return nil
  end
  if mode ~= 't' then
    local jobHash = jobKey(id)
    local state = redis.call('HGET', jobHash, 's')
    local pending = state == 'waiting' or state == 'delayed'
    if mode == 'u' and not (pending or state == 'active') then
      return nil
    end
    if mode == 'd' then
      if not pending then
        return nil
      end
      redis.call('ZREM', waitKey, id)
      redis.call('ZADD', delayedKey, due, id)
      redis.call('HSET', jobHash, 'd', payload, 's', 'delayed')
      if options ~= '' then
        redis.call('HSET', jobHash, 'o', options)
      else
        redis.call('HDEL', jobHash, 'o')
      end
      redis.call('PEXPIRE', dedupKey, windowMs)
    end
  end
  if anyoneListening() then
    publishEvents({{'u', id, name, 0, cjson.encode(key)}})
  end
  return id
end

-- Job id now stands for the adds of key.
local function keepStanding(mode, key, windowMs, id)
  if mode == 'u' then
    redis.call('SET', dedupKeyOf(key), id)
  else
    redis.call('SET', dedupKeyOf(key), id, 'PX', windowMs)
  end
end

-- A job that stood for key while unfinished has ended: the key is let go, unless it names another
-- job by now.
local function releaseStanding(key, id)
  local dedupKey = dedupKeyOf(key)
  if redis.call('GET', dedupKey) == id then
    redis.call('DEL', dedupKey)
  end
end
