# The production image: one image for web, worker and beat.
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH CHITIEU_VAR_DIR=/data STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/data/media

# Pango for WeasyPrint; the report fonts are shipped in static/fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 curl \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv \
    && useradd --system --uid 1000 --home /app chitieu

WORKDIR /app
COPY pyproject.toml uv.lock ./
# Bytecode compiled once here: PYTHONDONTWRITEBYTECODE keeps processes from writing it, so without this every
# process compiled every module it imported from source (about 1,4 s of a web worker's first request).
RUN uv sync --frozen --no-dev --no-install-project --compile-bytecode
COPY . .
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --no-input -v 0 \
    && python -m compileall -q committees resolutions targets reports config \
    && mkdir -p /data/media && chown -R chitieu /data

USER chitieu
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--no-control-socket", "--access-logfile", "-"]
