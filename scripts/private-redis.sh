# Sourced by the benchmark scripts: start_private_redis starts a redis-server on a free port that
# keeps nothing on disk, waits until it answers, sets port to it, and stops it (removing its
# folder) when the script exits. A script that has more to clean up calls stop_private_redis from
# its own EXIT trap.
start_private_redis() {
  for tool in redis-server redis-cli python3; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 2; }
  done
  private_redis_dir=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$private_redis_dir" \
    --daemonize yes --pidfile "$private_redis_dir/redis.pid" --logfile "$private_redis_dir/redis.log"
  trap stop_private_redis EXIT
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
}

stop_private_redis() {
  kill "$(cat "$private_redis_dir/redis.pid" 2>/dev/null)" 2>/dev/null || true
  rm -rf "$private_redis_dir"
}
