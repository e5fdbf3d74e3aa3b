#!/usr/bin/env bash
# Start Fieldbook on a real X server and prove that its window appears (.ci/run runs it twice: from source
# through installer/start-demo.sh, and the installed .deb's /usr/bin/fieldbook).
#
#   bash .ci/desktop-smoke.sh NAME COMMAND [ARG...]
#
# It starts Xvfb (1366x768, a free display number), runs COMMAND with QT_QPA_PLATFORM=xcb (the real platform
# plugin, not offscreen), waits up to FIELDBOOK_SMOKE_TIMEOUT seconds (default 180) for a visible window whose
# title matches FIELDBOOK_SMOKE_TITLE (default: the login window, 登录 or "log in"), then:
#   - grabs the screen with `import -window root` into build/ci-screens/NAME.png, and the window alone into
#     NAME-window.png (for a human to look at afterwards; COMMAND's output is in NAME.log);
#   - fails if the window is not wholly on the screen, or if it is blank (grey-level standard deviation of the
#     window's pixels below 0.02: an unpainted window is one flat colour);
#   - stops COMMAND (its own process group) and Xvfb, and prints how long the window took to appear.
# Needs xvfb, xdotool and imagemagick (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -lt 2 ]; then
  echo "usage: $0 NAME COMMAND [ARG...]" >&2
  exit 2
fi
name="$1"
shift
timeout="${FIELDBOOK_SMOKE_TIMEOUT:-180}"
title="${FIELDBOOK_SMOKE_TITLE:-登录|log in}"
screens="$PWD/build/ci-screens"
mkdir -p "$screens"
log="$screens/$name.log"
: >"$log"

xvfb_pid=""
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill -TERM -- "-$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; fi
  rm -f "${display_file:-}"
}
trap cleanup EXIT

fail() {
  echo "desktop-smoke[$name]: $*" >&2
  echo "desktop-smoke[$name]: the last lines of $log:" >&2
  tail -n 20 "$log" >&2 || true
  exit 1
}

display_file="$(mktemp)"
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$display_file" >>"$log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$display_file" ] && break
  sleep 0.1
done
[ -s "$display_file" ] || fail "Xvfb did not start"
export DISPLAY=":$(head -n 1 "$display_file")"

started=$(date +%s.%N)
# setsid: COMMAND and everything it starts form one process group, stopped as one at the end
DISPLAY="$DISPLAY" QT_QPA_PLATFORM=xcb setsid "$@" >>"$log" 2>&1 </dev/null &
app_pid=$!

window=""
deadline=$(( $(date +%s) + timeout ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  window="$(xdotool search --onlyvisible --name "$title" 2>/dev/null | head -n 1 || true)"
  [ -n "$window" ] && break
  kill -0 "$app_pid" 2>/dev/null || fail "the program ended before a window titled /$title/ appeared"
  sleep 0.2
done
[ -n "$window" ] || fail "no window titled /$title/ within ${timeout} s"
appeared=$(date +%s.%N)
sleep 2  # let the first paint and the font loading finish before the grab

window_title="$(xdotool getwindowname "$window")"
eval "$(xdotool getwindowgeometry --shell "$window")"  # X, Y, WIDTH, HEIGHT
import -window root "$screens/$name.png"
import -window "$window" "$screens/$name-window.png"
deviation="$(convert "$screens/$name-window.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)"
seconds="$(awk -v a="$started" -v b="$appeared" 'BEGIN { printf "%.1f", b - a }')"
echo "desktop-smoke[$name]: \"$window_title\" ${WIDTH}x${HEIGHT}+${X}+${Y} after ${seconds} s," \
  "grey deviation $deviation; $screens/$name.png"
if [ "$X" -lt 0 ] || [ "$Y" -lt 0 ] || [ $(( X + WIDTH )) -gt 1366 ] || [ $(( Y + HEIGHT )) -gt 768 ]; then
  fail "the window is not wholly on the 1366x768 screen"
fi
awk -v d="$deviation" 'BEGIN { exit !(d >= 0.02) }' || fail "the window is blank (grey deviation $deviation)"
