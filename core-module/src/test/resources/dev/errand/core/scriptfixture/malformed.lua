--- @include greet
return 1
