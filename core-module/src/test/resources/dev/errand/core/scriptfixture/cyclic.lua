--- @include "loop-a"
return 1
