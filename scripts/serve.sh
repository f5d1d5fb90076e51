#!/usr/bin/env bash
# `make serve`: the app in production mode. Refuses an unsafe environment, migrates,
# collects the static files, then runs gunicorn with the task worker beside it.
# Stops both when gunicorn stops or on TERM/INT; a task worker that dies (say,
# while the database restarts) is started again.
#
#   MIGRATE_ON_START=0   when several app machines share a database: migrate once,
#                        from one place, before starting the new version everywhere
#   TASK_WORKERS=N       task workers beside gunicorn (default 1; 0 when they run elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=halsoval.settings

# The same JSON line as the app's own (halsoval/loggning.py): json.dumps escapes
# whatever the message holds, and the time is UTC to the millisecond.
logg() {
  $PY -S -c 'import datetime, json, sys
tid = datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")
rad = {"time": tid, "level": sys.argv[1], "logger": "serve", "request_id": "-", "message": sys.argv[2]}
print(json.dumps(rad, ensure_ascii=False), flush=True)' "$1" "$2"
}

$PY -m halsoval.produktion
# WARNING, not ERROR: the deployment checks are warnings (HSTS off, cookies not
# Secure, DEBUG on), and each one is a reason not to start in production. What it
# finds goes to stderr; its "no issues" line would be the one line on stdout not JSON.
$PY manage.py check --deploy --fail-level WARNING >/dev/null
if [ "${MIGRATE_ON_START:-1}" != "0" ]; then
  logg INFO "Migrerar databasen."
  $PY manage.py migrate --noinput --verbosity 0
fi
$PY manage.py collectstatic --noinput --verbosity 0
logg INFO "Startar gunicorn och ${TASK_WORKERS:-1} uppgiftsarbetare."

arbetare() {
  local barn=""
  trap '[ -n "$barn" ] && kill -TERM "$barn" 2>/dev/null; wait; exit 0' TERM INT
  while true; do
    # --max-tasks recycles the process now and then, as gunicorn does its workers.
    $PY manage.py db_worker --queue-name '*' --max-tasks 200 &
    barn=$!
    status=0
    wait "$barn" || status=$?
    if [ "$status" != "0" ]; then
      logg WARNING "Uppgiftsarbetaren avslutades med kod $status; startar om om 5 s."
      sleep 5 &
      wait $! || true
    fi
  done
}

arbetar_pids=()
for _ in $(seq 1 "${TASK_WORKERS:-1}"); do
  arbetare &
  arbetar_pids+=($!)
done

$PY -m gunicorn -c gunicorn.conf.py &
gunicorn_pid=$!

stoppa() {
  kill -TERM "$gunicorn_pid" 2>/dev/null || true
  for pid in "${arbetar_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
}
stoppad=0
trap 'stoppad=1; stoppa' TERM INT

status=0
wait "$gunicorn_pid" || status=$?
stoppa
wait || true
# Asked to stop is a clean exit; gunicorn stopping by itself is not.
[ "$stoppad" = "1" ] && exit 0
exit "$status"
