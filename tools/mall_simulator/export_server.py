"""The mall's export API, which the CRM pulls from to reconcile and backfill:
`GET /export/v1/{customers|products|orders|inventory}?updated_since=&cursor=&limit=`,
bearer-token protected, cursor-paged by (updated_at, id)."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tools.mall_simulator.events import format_time, parse_time
from tools.mall_simulator.state import COLLECTIONS, MallState, PageKey

PATH_PREFIX = "/export/v1/"
DEFAULT_LIMIT = 100
MAXIMUM_LIMIT = 1000

logger = logging.getLogger("mall_simulator.export")


class BadRequest(Exception):
    """A query the export API cannot answer (a bad parameter or cursor)."""


def encode_cursor(key: PageKey) -> str:
    """An opaque cursor: the (updated_at, id) of the last item handed out."""
    raw = json.dumps([format_time(key[0]), key[1]]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> PageKey:
    """The position a cursor stands for."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        updated_at, identifier = json.loads(raw)
        return parse_time(updated_at), str(identifier)
    except (binascii.Error, ValueError, TypeError) as error:
        raise BadRequest("invalid cursor") from error


def _query_parameters(query: str) -> tuple[datetime | None, PageKey | None, int]:
    parameters = {name: values[-1] for name, values in parse_qs(query).items()}
    updated_since = None
    if parameters.get("updated_since"):
        try:
            updated_since = parse_time(parameters["updated_since"])
        except ValueError as error:
            raise BadRequest("updated_since must be an RFC 3339 timestamp with an offset") from error
    after = decode_cursor(parameters["cursor"]) if parameters.get("cursor") else None
    try:
        limit = int(parameters.get("limit", DEFAULT_LIMIT))
    except ValueError as error:
        raise BadRequest("limit must be an integer") from error
    if not 1 <= limit <= MAXIMUM_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAXIMUM_LIMIT}")
    return updated_since, after, limit


def build_handler(state: MallState, token: str) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one mall state and one bearer token."""

    class ExportHandler(BaseHTTPRequestHandler):
        server_version = "MallSimulatorExport/1"

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if not self._authorised():
                self._answer(
                    401,
                    {"code": "unauthorized", "message": "a valid bearer token is required"},
                    extra_headers={"WWW-Authenticate": 'Bearer realm="mall-export"'},
                )
                return
            collection = url.path.removeprefix(PATH_PREFIX).strip("/")
            if not url.path.startswith(PATH_PREFIX) or collection not in COLLECTIONS:
                self._answer(404, {"code": "not_found", "message": f"no such listing: {url.path}"})
                return
            try:
                updated_since, after, limit = _query_parameters(url.query)
            except BadRequest as error:
                self._answer(400, {"code": "bad_request", "message": str(error)})
                return
            items, following = state.page(collection, updated_since=updated_since, after=after, limit=limit)
            self._answer(200, {"items": items, "next_cursor": encode_cursor(following) if following else None})

        def _authorised(self) -> bool:
            presented = self.headers.get("Authorization", "")
            return presented.startswith("Bearer ") and hmac.compare_digest(
                presented.removeprefix("Bearer ").strip().encode(), token.encode()
            )

        def _answer(self, status: int, payload: dict[str, Any], extra_headers: dict[str, str] | None = None) -> None:
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in (extra_headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            logger.debug("%s %s", self.address_string(), format % args)

    return ExportHandler


class ExportServer:
    """The export API running in a background thread; `port` 0 picks a free port."""

    def __init__(self, *, state: MallState, token: str, host: str = "127.0.0.1", port: int = 8100) -> None:
        self.http_server = ThreadingHTTPServer((host, port), build_handler(state, token))
        self.http_server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.http_server.serve_forever, kwargs={"poll_interval": 0.1}, name="export-api", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.http_server.server_address[:2]
        host_text = host.decode() if isinstance(host, bytes) else host
        return f"http://{host_text}:{port}"

    def start(self) -> ExportServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.http_server.shutdown()
        self.http_server.server_close()
