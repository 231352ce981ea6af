# syntax=docker/dockerfile:1
# cleaner HTTP service. Build: docker build -t cleaner .   Run: docker run -p 8000:8000 cleaner

# --- build stage: the service and its pinned dependencies, in a venv -------------------
FROM python:3.11-slim AS build
WORKDIR /src
# Dependencies first (their layer survives code changes), every file checked against the
# sha256 in the lock; then the project alone, so pip cannot pull anything unpinned.
# pip itself first (requirements/pip.txt): a base image's older pip refuses the lock's
# lxml[html_clean] (an extra, asked for by jusText) in hash-checking mode.
COPY requirements/pip.txt requirements/lock.txt ./requirements/
RUN python -m venv /opt/venv \
    && /opt/venv/bin/python -m pip install --no-cache-dir --require-hashes -r requirements/pip.txt \
    && /opt/venv/bin/pip install --no-cache-dir --require-hashes -r requirements/lock.txt
COPY pyproject.toml README.md LICENSE ./
COPY cleaner ./cleaner
RUN /opt/venv/bin/pip install --no-cache-dir --no-deps . \
    && /opt/venv/bin/pip check

# --- runtime stage: that venv, no compiler, no caches, no tests ----------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    CLEANER_HOST=0.0.0.0 \
    CLEANER_PORT=8000
COPY --from=build /opt/venv /opt/venv
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin cleaner \
    && mkdir /profiles
# Site profiles (cleaner learn) are mounted read-only here and named by CLEANER_PROFILES:
#   docker run -v "$PWD/profiles:/profiles:ro" -e CLEANER_PROFILES=/profiles/profiles.db ...
USER 10001
WORKDIR /tmp
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# uvicorn drains in-flight requests on SIGTERM before it exits.
STOPSIGNAL SIGTERM
ENTRYPOINT ["cleaner", "serve"]
CMD ["--host", "0.0.0.0", "--port", "8000"]
