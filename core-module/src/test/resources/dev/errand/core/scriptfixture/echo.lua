-- Replies with its first key and argument. The characters é € 😀 make the SHA depend on UTF-8.
return {KEYS[1], ARGV[1]}
