"""Where generated rows go: PostgreSQL through COPY (text format, streamed from a writer
thread so that generating the next chunk overlaps the server's work on this one), or
SQLite through executemany. Both write inside the caller's transaction."""

from __future__ import annotations

import queue
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import connection

Row = tuple[Any, ...]


class Sink:
    """Rows in, per table: how many and how long the database took."""

    null: Any = None

    def __init__(self) -> None:
        self.rows: dict[str, int] = defaultdict(int)
        self.seconds: dict[str, float] = defaultdict(float)

    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Wait until everything written has reached the database."""


class SqliteSink(Sink):
    def __init__(self) -> None:
        super().__init__()
        connection.ensure_connection()
        self._raw = connection.connection

    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        if not rows:
            return
        started = time.perf_counter()
        sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
        self._raw.executemany(sql, rows)
        self.seconds[table] += time.perf_counter() - started
        self.rows[table] += len(rows)


class PostgresSink(Sink):
    """COPY … FROM STDIN in the text format: values are ints or strings without tabs,
    newlines or backslashes, NULL is `\\N`."""

    null = r"\N"

    def __init__(self) -> None:
        super().__init__()
        connection.ensure_connection()
        self._raw = connection.connection
        self._queue: queue.Queue[tuple[str, str, int] | None] = queue.Queue(maxsize=4)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="dataset-copy", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        cursor = self._raw.cursor()
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self._error is not None:
                continue
            sql, data, count = item
            table = sql.split('"')[1]
            started = time.perf_counter()
            try:
                with cursor.copy(sql) as copy:
                    copy.write(data)
            except BaseException as error:  # reported to the generating thread
                self._error = error
                continue
            self.seconds[table] += time.perf_counter() - started
            self.rows[table] += count

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def write(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        self._check()
        if not rows:
            return
        data = "\n".join(["\t".join(map(str, row)) for row in rows]) + "\n"
        self._queue.put((f'COPY "{table}" ({", ".join(columns)}) FROM STDIN', data, len(rows)))

    def finish(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._check()


def make_sink() -> Sink:
    if connection.vendor == "postgresql":
        return PostgresSink()
    if connection.vendor == "sqlite":
        return SqliteSink()
    raise RuntimeError(f"load_dataset supports PostgreSQL and SQLite, not {connection.vendor}")
