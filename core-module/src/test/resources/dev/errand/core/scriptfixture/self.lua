--- @include "self"
return 1
