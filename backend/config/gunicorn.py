"""gunicorn settings: bind to CRM_HOST:CRM_PORT; threads suit an I/O-bound API on 2 cores."""

import os

bind = f"{os.environ.get('CRM_HOST', '127.0.0.1')}:{os.environ.get('CRM_PORT', '8000')}"
workers = int(os.environ.get("CRM_WEB_WORKERS", "2"))
threads = int(os.environ.get("CRM_WEB_THREADS", "4"))
timeout = 60
accesslog = "-" if os.environ.get("CRM_ACCESS_LOG") else None
