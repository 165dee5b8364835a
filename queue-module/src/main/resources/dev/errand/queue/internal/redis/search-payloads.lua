-- One page of a payload search (RedisInsight.search): reads a page of a state's ids and their
-- payloads inside Redis and answers only the ids that match, instead of sending every payload to
-- the JVM. The caller keeps a page small (count 500) and the script stops early past maxBytes of
-- payload, so that one call holds the server for about a millisecond rather than the whole
-- 10,000-job scan (other clients wait while a script runs); the caller goes on from
-- offset + scanned.
-- The needle comes lower-cased by Java and pure ASCII. string.lower folds A-Z only (Redis leaves
-- LC_CTYPE at "C"), which is what Java's toLowerCase(ROOT) does to ASCII; an ASCII needle can only
-- meet ASCII bytes, so a payload that contains it folded contains it in Java too. The one way Java
-- finds more is a character that it lower-cases into ASCII (the Kelvin sign into 'k', U+0130 into
-- 'i' and a combining dot): such a payload that does not match here is answered as "maybe", for
-- Java to decide. The caller passes those characters, taken from its own JDK.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base setIndex(1 wait .. 6 dead) newestFirst(1|0) offset count needle wanted maxBytes,
--       then the UTF-8 spellings of the characters Java lower-cases into ASCII
-- Returns: read (ids the page held: fewer than count at the end of the set), scanned (how many of
-- them were looked at: all, or up to the wanted-th hit or past maxBytes), then id, sure (1 a
-- match, 0 maybe) for each hit in the order looked at
--- @include "queue-keys"
local setKey = KEYS[tonumber(ARGV[2])]
local offset, count = tonumber(ARGV[4]), tonumber(ARGV[5])
local needle, wanted, maxBytes = ARGV[6], tonumber(ARGV[7]), tonumber(ARGV[8])
local ids
if ARGV[3] == '1' then
  ids = redis.call('ZREVRANGE', setKey, offset, offset + count - 1)
else
  ids = redis.call('ZRANGE', setKey, offset, offset + count - 1)
end

-- Whether a payload holds one of the characters Java lower-cases into ASCII.
local function foldsIntoAscii(payload)
  if not string.find(payload, '[\128-\255]') then
    return false
  end
  for i = 9, #ARGV do
    if string.find(payload, ARGV[i], 1, true) then
      return true
    end
  end
  return false
end

local reply, hits, scanned, bytes = {#ids, 0}, 0, 0, 0
for _, id in ipairs(ids) do
  scanned = scanned + 1
  local payload = redis.call('HGET', jobKey(id), 'd')
  if payload then
    bytes = bytes + #payload
    local sure = string.find(string.lower(payload), needle, 1, true) ~= nil
    if sure or foldsIntoAscii(payload) then
      reply[#reply + 1] = id
      reply[#reply + 1] = sure and 1 or 0
      hits = hits + 1
    end
  end
  if hits >= wanted or bytes >= maxBytes then
    break
  end
end
reply[2] = scanned
return reply
