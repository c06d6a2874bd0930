#!/usr/bin/env bash
# Print a working Python 3.10 interpreter: Rasa Open Source 3.6 supports 3.8 to 3.10 only.
set -u
for candidate in python3.10 "$(command -v pyenv >/dev/null 2>&1 && pyenv root)/versions/3.10"*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
  if [ -n "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
for root in "$HOME/.pyenv" /root/.pyenv; do
  for candidate in "$root"/versions/3.10*/bin/python3.10; do
    if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
  done
done
echo "no Python 3.10 found: install it (for example with pyenv or uv) and try again" >&2
exit 1
