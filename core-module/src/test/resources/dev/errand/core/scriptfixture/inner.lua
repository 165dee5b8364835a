local function inner(text) return '(' .. text .. ')' end
