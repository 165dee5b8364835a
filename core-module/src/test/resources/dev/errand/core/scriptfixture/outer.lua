--- @include "greet"
--- @include "inner"
local function outer(name) return inner(greet(name)) end
