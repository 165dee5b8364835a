return redis.error_reply('ERRAND the script says no')
