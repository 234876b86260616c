#!/usr/bin/env bash
# Install Credential Kiosk as a reception kiosk that starts itself on boot (docs/deploy.md).
#
#   sudo deploy/install.sh                 install from this checkout
#   deploy/install.sh --stage DIR          only place the files under DIR (no users, no
#                                          services, no packages): to look at, or to test
#
# What it does, in order (each step is safe to repeat):
#   1. Debian packages: cage, foot, fonts-dejavu-core (and what scripts/_setup.sh needs);
#   2. a dedicated user `kiosk` (no password, no login shell) in the video and dialout groups;
#   3. this checkout copied to /opt/credential-kiosk and its .venv built (scripts/_setup.sh);
#   4. /etc/credential-kiosk/: kiosk.toml (kept if present), foot.ini, trust/ for trust lists;
#   5. the systemd units (kiosk on tty1, daily sync), the udev rule for serial scanners, the
#      logind drop-in (no login prompts on other consoles), Ctrl+Alt+Del masked;
#   6. the kiosk enabled at boot, and started.
set -euo pipefail

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAGE=""
if [ "${1:-}" = "--stage" ]; then
  STAGE="${2:?--stage needs a directory}"
elif [ -n "${1:-}" ]; then
  echo "usage: $0 [--stage DIR]" >&2
  exit 64
fi

APP="$STAGE/opt/credential-kiosk"
ETC="$STAGE/etc/credential-kiosk"
UNITS="$STAGE/etc/systemd/system"
RULES="$STAGE/etc/udev/rules.d"
LOGIND="$STAGE/etc/systemd/logind.conf.d"
KIOSK_USER="kiosk"

live() { [ -z "$STAGE" ]; }
say() { echo "install: $*" >&2; }

if live && [ "$(id -u)" -ne 0 ]; then
  echo "install: run as root (sudo $0), or use --stage DIR" >&2
  exit 64
fi

if live; then
  say "Debian packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    cage foot fonts-dejavu-core python3 python3-venv libzbar0 rsync
  if ! id "$KIOSK_USER" >/dev/null 2>&1; then
    say "user $KIOSK_USER"
    useradd --system --create-home --home-dir /var/lib/credential-kiosk \
      --shell /usr/sbin/nologin --groups video,dialout "$KIOSK_USER"
  else
    usermod --append --groups video,dialout "$KIOSK_USER"
  fi
fi

say "software in $APP"
mkdir -p "$APP"
if command -v rsync >/dev/null 2>&1; then
  rsync -a --delete --exclude .venv --exclude .venv-tools --exclude .git \
    --exclude __pycache__ --exclude .mypy_cache --exclude .ruff_cache "$SOURCE/" "$APP/"
else
  (cd "$SOURCE" && tar --exclude .venv --exclude .venv-tools --exclude .git -cf - .) |
    (cd "$APP" && tar -xf -)
fi
if live; then
  # The .venv belongs to root: the kiosk user can run the software, not change it.
  bash -c "source '$APP/scripts/_setup.sh' ''"
fi

say "settings in $ETC"
mkdir -p "$ETC/trust"
[ -f "$ETC/kiosk.toml" ] || install -m 0664 "$SOURCE/deploy/kiosk.toml" "$ETC/kiosk.toml"
install -m 0644 "$SOURCE/deploy/foot.ini" "$ETC/foot.ini"

say "units, udev rule, logind drop-in"
mkdir -p "$UNITS" "$RULES" "$LOGIND"
install -m 0644 "$SOURCE"/deploy/systemd/credential-kiosk*.service \
  "$SOURCE"/deploy/systemd/credential-kiosk*.timer "$UNITS/"
install -m 0644 "$SOURCE/deploy/udev/70-credential-kiosk.rules" "$RULES/"
install -m 0644 "$SOURCE/deploy/logind/credential-kiosk.conf" "$LOGIND/"

if live; then
  # The settings screen writes kiosk.toml in place (a new file, then a rename): the kiosk
  # user needs to write the folder. Trust lists stay root's.
  chown root:"$KIOSK_USER" "$ETC" "$ETC/kiosk.toml"
  chmod 0775 "$ETC"
  chown -R root:root "$ETC/trust"
  if udevadm control --reload-rules; then udevadm trigger --subsystem-match=tty; fi
  systemctl mask ctrl-alt-del.target
  systemctl daemon-reload
  systemctl disable getty@tty1.service || true
  systemctl enable credential-kiosk.service credential-kiosk-sync.timer
  systemctl set-default graphical.target
  runuser -u "$KIOSK_USER" -- "$APP/.venv/bin/kiosk" config check --config "$ETC/kiosk.toml"
  say "done: edit $ETC/kiosk.toml, put trust lists in $ETC/trust/, then reboot"
else
  say "staged under $STAGE (nothing else was changed)"
fi
