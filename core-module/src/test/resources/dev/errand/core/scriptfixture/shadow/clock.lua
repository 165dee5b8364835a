--- @include "server-time"
return serverTimeMillis()
