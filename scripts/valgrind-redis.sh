# Sourced by the benchmark scripts: start_valgrind_redis starts a private redis-server under
# valgrind's callgrind on a free port, stopped when the script exits, and sets url to it and
# BENCH_JAVA_OPTS so that the benchmark program counts the instructions Redis executes (see
# dev.errand.testsupport.Callgrind). Redis runs some 30 times slower there.
start_valgrind_redis() {
  command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no >/dev/null 2>&1 &
  valgrind_redis_pid=$!
  trap 'kill "$valgrind_redis_pid" 2>/dev/null || true' EXIT
  until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.2; done
  url="redis://127.0.0.1:$port"
  export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Derrand.bench.callgrindPid=$valgrind_redis_pid"
}
