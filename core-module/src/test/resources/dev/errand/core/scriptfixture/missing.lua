--- @include "outer"
--- @include "absent-fragment"
return 1
