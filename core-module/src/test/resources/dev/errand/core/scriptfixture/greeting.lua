--- @include "greet"
--- @include "server-time"
--- @include "greet"
return {greet(ARGV[1]), serverTimeMillis()}
