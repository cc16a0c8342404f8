# The bot as one image: `newsbot run` by default; `newsbot db upgrade` as the release step.
# Everything the summarizer needs (jieba's dictionary, the stemmers) and the /stats chart's
# font (Noto Sans CJK, a PyPI package) ship inside the installed packages, so no system font
# is installed and nothing is downloaded when a container starts.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 --user-group newsbot
WORKDIR /app

# Dependencies and code in one layer: `pip install .` builds the wheel from these files only.
COPY pyproject.toml README.md ./
COPY summarizer ./summarizer
COPY bot ./bot
RUN pip install . && rm -rf /app/build /app/*.egg-info

# Configuration files are read at run time from NEWSBOT_CONFIG_DIR, not from the package.
COPY config ./config

RUN mkdir /data && chown newsbot:newsbot /data
ENV NEWSBOT_CONFIG_DIR=/app/config \
    NEWSBOT_DATA_DIR=/data \
    NEWSBOT_HEALTH_PORT=8080 \
    NEWSBOT_LOG_FORMAT=json

USER newsbot
# Build jieba's prefix-dictionary cache now, as the runtime user, so the first Chinese
# article after a start does not pay for it.
RUN python -c "import jieba; jieba.initialize()"

VOLUME ["/data"]
EXPOSE 8080

# Webhook mode serves /healthz on the webhook port ($PORT); polling on NEWSBOT_HEALTH_PORT.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; port = os.environ.get('PORT') or os.environ.get('NEWSBOT_HEALTH_PORT') or '8080'; urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4)"]

CMD ["newsbot", "run"]
