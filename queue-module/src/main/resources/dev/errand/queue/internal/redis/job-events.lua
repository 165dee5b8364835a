--- @include "queue-keys"
-- A queue's events go to its channel as one message per script call: a JSON array with one
-- [kind, id, name, attempt, data, errorClass, message, stackTrace] array per event (kinds: c
-- completed, r retrying, f failed, d dead, s stalled, z snoozed, u deduplicated, p progress; shorter
-- without a failure).
-- Scripts build events only while someone subscribes. Subscribers keep the queue's listening key
-- set (with an expiry); PUBSUB NUMSUB would do on one server, but on a Redis Cluster it counts only
-- the subscribers of the node the script runs on.
local eventsChannel = base .. 'events'

-- Whether any process listens to the queue's events right now.
local function anyoneListening()
  return redis.call('EXISTS', base .. 'listening') == 1
end

-- Publishes the events, if any, as one message.
local function publishEvents(events)
  if #events > 0 then
    redis.call('PUBLISH', eventsChannel, cjson.encode(events))
  end
end
