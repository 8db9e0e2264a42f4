"""The capacity section of docs/benchmarks.md: each figure at S and at L from the results kept
per dataset size, and how many times it grew; nothing without both sizes."""

import json
from pathlib import Path
from typing import Any

from tools.benchmarks import capacity


def _write(folder: Path, kind: str, size: str, record: dict[str, Any]) -> None:
    (folder / f"{kind}-{size}.json").write_text(json.dumps(record))


def _load(per_second: float, saturated_at: int) -> dict[str, Any]:
    def phase(label: str, users: int, rate: float, saturated: bool | None = None) -> dict[str, Any]:
        return {"label": label, "users": users, "total": {"per_second": rate, "p95_ms": 100.0}, "saturated": saturated}

    return {
        "dataset": {"customers": 10, "orders": 100},
        "phases": [phase("with think time", 100, per_second / 2), phase("without think time", 100, per_second)],
        "step_up": [phase(f"step {saturated_at}", saturated_at, per_second, True)],
    }


def test_each_figure_is_read_at_both_sizes_with_its_growth(tmp_path: Path) -> None:
    for size, scale in (("S", 1), ("L", 10)):
        cells = {"admin": {"p95_ms": 10.0 * scale}, "rep": {"p95_ms": 30.0 * scale}}
        _write(
            tmp_path,
            "lists",
            size,
            {"dataset": {"customers": 100 * scale, "orders": 1000 * scale}, "endpoints": {"list": cells}},
        )
        _write(tmp_path, "load", size, _load(70.0, 400 // scale * 5))
    (tmp_path / "capacity.md").write_text("### Beyond one machine\n")

    lines = capacity.report_section(tmp_path)

    assert "| customers | 100 | 1,000 | 10.0× |" in lines
    assert "| lists, searches, details: median p95, ms (one at a time) | 20 | 200 | 10.0× |" in lines
    assert "| lists, searches, details: slowest p95, ms | 30 | 300 | 10.0× |" in lines
    assert "| 100 connections without think time: requests/s | 70 | 70 | 1.0× |" in lines
    assert "| step-up: saturated at, users | 2,000 | 200 | 0.1× |" in lines
    assert "| full rollup rebuild, s | – | – | – |" in lines
    assert lines[-1] == "### Beyond one machine"


def test_without_both_sizes_there_is_no_table(tmp_path: Path) -> None:
    _write(tmp_path, "load", "L", _load(70.0, 200))

    assert capacity.report_section(tmp_path) == []
