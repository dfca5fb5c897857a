#!/usr/bin/env bash
# Starts the local PostgreSQL, Redis and NATS JetStream the tests use, when they are not running already.
set -uo pipefail

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_up() {
  for _ in $(seq 1 50); do up "$1" && return 0; sleep 0.2; done
  echo "start-infra: $2 did not come up on port $1" >&2
  return 1
}

if ! up 5432; then
  echo "start-infra: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  wait_up 5432 PostgreSQL || exit 1
fi
if ! up 6379; then
  echo "start-infra: starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_up 6379 Redis || exit 1
fi
if ! up 4222; then
  echo "start-infra: starting NATS (JetStream)"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  wait_up 4222 NATS || exit 1
fi
echo "start-infra: PostgreSQL, Redis and NATS are up"
