# Stride: the Streamlit app on 0.0.0.0:8501, settings from STRIDE_* variables.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STRIDE_DATA_DIR=/data

RUN groupadd --system --gid 10001 stride \
    && useradd --system --uid 10001 --gid stride --home-dir /app \
        --shell /usr/sbin/nologin stride \
    && mkdir -p /data \
    && chown stride:stride /data

WORKDIR /app

# Dependencies in a layer of their own, rebuilt only when they change.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY --chown=10001:10001 . .

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", "--browser.gatherUsageStats=false"]
