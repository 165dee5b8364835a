--- @include "outer"
  ---   @include   "greet"  
return outer(ARGV[1])
