-- Stands in for core's shared fragment of the same name, which must lose to this one.
local function serverTimeMillis() return 42 end
