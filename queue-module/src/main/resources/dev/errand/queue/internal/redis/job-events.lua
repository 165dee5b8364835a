--- @include "queue-keys"
-- A queue's events go to its channel as one message per script call: a JSON array with one
-- [kind, id, name, attempt, data, errorClass, message, stackTrace] array per event (kinds: c
-- completed, r retrying, f failed, d dead, s stalled, p progress; shorter without a failure).
-- Scripts build events only while someone subscribes.
local eventsChannel = base .. 'events'

-- Whether anyone subscribes to the queue's events right now.
local function anyoneListening()
  return redis.call('PUBSUB', 'NUMSUB', eventsChannel)[2] > 0
end

-- Publishes the events, if any, as one message.
local function publishEvents(events)
  if #events > 0 then
    redis.call('PUBLISH', eventsChannel, cjson.encode(events))
  end
end
