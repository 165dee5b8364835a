-- The server's clock in whole milliseconds since the epoch. Scripts take time from Redis rather
-- than from the caller, so that clients on hosts with skewed clocks agree on deadlines and order.
local function serverTimeMillis()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
