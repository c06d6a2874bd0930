#!/usr/bin/env bash
# Print a working Python interpreter of the version asked for: 3.10 for Rasa's environment (Rasa
# Open Source 3.6 supports 3.8 to 3.10 only), 3.12 for the api's.
#   scripts/find-python.sh 3.10
set -u
want="${1:?usage: find-python.sh VERSION (for example 3.10)}"
is_wanted() {
  "$1" -c "import sys; sys.exit(f'{sys.version_info[0]}.{sys.version_info[1]}' != '$want')" >/dev/null 2>&1
}
for candidate in "python$want" "$(command -v pyenv >/dev/null 2>&1 && pyenv root)/versions/$want"*/bin/"python$want" "/usr/bin/python$want" "/usr/local/bin/python$want"; do
  if [ -n "$candidate" ] && is_wanted "$candidate"; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
for root in "$HOME/.pyenv" /root/.pyenv; do
  for candidate in "$root/versions/$want"*/bin/"python$want"; do
    if [ -x "$candidate" ] && is_wanted "$candidate"; then echo "$candidate"; exit 0; fi
  done
done
echo "no Python $want found: install it (for example with pyenv or uv) and try again" >&2
exit 1
