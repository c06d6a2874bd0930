# syntax=docker/dockerfile:1
# One image, three commands (docs/deploy.md):
#   docker run IMAGE api | rasa | actions | migrate | purge | create-advisor
# It holds both environments the Makefile builds, at the same paths (/app/.venv: Rasa, the action
# server and the bot on Python 3.10; /app/.venv-api: the api on Python 3.12), so the commands are
# the ones scripts/stack.py runs (deploy/entrypoint.py takes them from there).

# Python 3.12 for the api, copied into the 3.10 image below. The official images are built with
# an rpath of $ORIGIN/../lib, so the interpreter runs from any prefix. Both tags name the same
# Debian release, so they share libc and OpenSSL.
FROM python:3.12-slim-bookworm AS python312

FROM python:3.10-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
# A compiler for the few dependencies without a wheel; it stays in this stage.
RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
COPY --from=python312 /usr/local /opt/python3.12
WORKDIR /app

# Dependencies first, from the lock files alone, so a change to the sources reuses this layer.
# constraints.txt is a full `pip freeze` of .venv, so installing it as requirements gives the
# environment `make setup` builds.
COPY constraints.txt constraints-api.txt ./
COPY api/requirements.in api/requirements.in
RUN python -m venv .venv \
    && .venv/bin/python -m pip install 'pip>=24,<27' \
    && .venv/bin/pip install -r constraints.txt
RUN /opt/python3.12/bin/python3.12 -m venv .venv-api \
    && .venv-api/bin/python -m pip install 'pip>=24,<27' \
    && .venv-api/bin/pip install -c constraints-api.txt -r api/requirements.in

COPY . .
# The project itself (bot, actions, api.nlu_text) without touching the locked dependencies.
RUN .venv/bin/pip install --no-deps -e . \
    # As `make setup` and `make train`: the Dutch spaCy pipeline, then the model. train.py
    # names the model after a hash of its inputs, so at run time scripts/train.current_model()
    # finds exactly this file. The model is never fetched from elsewhere at run time (Rasa's
    # remote model loading was CVE-2024-49375).
    && .venv/bin/python scripts/build_spacy_nl.py \
    && .venv/bin/python scripts/build_faq_domain.py \
    && .venv/bin/python scripts/augment_nlu.py \
    && .venv/bin/python scripts/train.py \
    && rm -rf var .rasa


FROM python:3.10-slim-bookworm
LABEL org.opencontainers.image.title="pgb-assistent" \
      org.opencontainers.image.description="api, Rasa and action server of pgb-assistent"
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    # Rasa and matplotlib write caches under HOME; /tmp is the one writable place (Kubernetes
    # mounts an emptyDir there and keeps the root filesystem read-only).
    HOME=/tmp MPLCONFIGDIR=/tmp
COPY --from=python312 /usr/local /opt/python3.12
# A fixed non-root uid, so Kubernetes' runAsNonRoot can check it without a name lookup.
RUN groupadd --system --gid 10001 pgb \
    && useradd --system --uid 10001 --gid pgb --home-dir /tmp --shell /usr/sbin/nologin pgb
WORKDIR /app
COPY --from=build --chown=root:root /app /app
USER 10001:10001
EXPOSE 8000 5005 5055
# Which check runs depends on the command the container was started with (PID 1); compose and
# Kubernetes set their own probes, this one is for `docker run`. Rasa needs 10 to 25 s to load
# its model (a minute or more for a model without the CRF taggers' files, bot/crf_taggers.py).
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD ["/app/.venv/bin/python", "/app/deploy/entrypoint.py", "healthcheck"]
ENTRYPOINT ["/app/.venv/bin/python", "/app/deploy/entrypoint.py"]
CMD ["api"]
