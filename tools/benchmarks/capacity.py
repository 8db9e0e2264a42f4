"""How the cost grows from dataset S to L, read from the benchmarks' results at both sizes
(docs/benchmarks/<kind>-<size>.json), for docs/benchmarks.md's capacity section. The prose
beside the table, what a customer beyond one machine does, is docs/benchmarks/capacity.md."""

import json
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZES = ("S", "L")
Figure = Callable[[dict[str, dict[str, Any]]], float | None]


def _cells(record: dict[str, Any]) -> list[float]:
    return [figures["p95_ms"] for by_person in record["endpoints"].values() for figures in by_person.values()]


def _median_cell(kind: str) -> Figure:
    return lambda results: statistics.median(_cells(results[kind])) if kind in results else None


def _slowest_cell(kind: str) -> Figure:
    return lambda results: max(_cells(results[kind])) if kind in results else None


def _phase(label: str, figure: str) -> Figure:
    def read(results: dict[str, dict[str, Any]]) -> float | None:
        if "load" not in results:
            return None
        phase = next(phase for phase in results["load"]["phases"] if phase["label"] == label)
        return float(phase["total"][figure])

    return read


def _saturation(results: dict[str, dict[str, Any]]) -> float | None:
    if "load" not in results:
        return None
    steps = results["load"]["step_up"]
    saturated = next((step for step in steps if step["saturated"]), None)
    return float(saturated["users"]) if saturated else None


def _peak_throughput(results: dict[str, dict[str, Any]]) -> float | None:
    if "load" not in results:
        return None
    load = results["load"]
    return max(step["total"]["per_second"] for step in [load["phases"][0], *load["step_up"]])


def _dataset(figure: str) -> Figure:
    def read(results: dict[str, dict[str, Any]]) -> float | None:
        record = next((record for record in results.values() if "dataset" in record), None)
        return float(record["dataset"][figure]) if record else None

    return read


FIGURES: list[tuple[str, Figure]] = [
    ("customers", _dataset("customers")),
    ("orders", _dataset("orders")),
    ("lists, searches, details: median p95, ms (one at a time)", _median_cell("lists")),
    ("lists, searches, details: slowest p95, ms", _slowest_cell("lists")),
    ("statistics: median p95, ms (one at a time)", _median_cell("statistics")),
    ("statistics: slowest p95, ms", _slowest_cell("statistics")),
    (
        "full rollup rebuild, s",
        lambda results: results["statistics"]["rebuild_seconds"] if "statistics" in results else None,
    ),
    ("100 users with think time: requests/s", _phase("with think time", "per_second")),
    ("100 users with think time: p95, ms", _phase("with think time", "p95_ms")),
    ("100 connections without think time: requests/s", _phase("without think time", "per_second")),
    ("100 connections without think time: p95, ms", _phase("without think time", "p95_ms")),
    ("step-up: most requests/s", _peak_throughput),
    ("step-up: saturated at, users", _saturation),
]


def _format(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:,.1f}"


def _results(results_dir: Path, size: str) -> dict[str, dict[str, Any]]:
    return {
        kind: json.loads(path.read_text())
        for kind in ("lists", "statistics", "load")
        if (path := results_dir / f"{kind}-{size}.json").exists()
    }


def report_section(results_dir: Path) -> list[str]:
    """The S-to-L table (each figure at both sizes and how many times it grew), then the prose."""
    by_size = {size: _results(results_dir, size) for size in SIZES}
    lines = ["## Capacity: from S to L, and beyond one machine", ""]
    if all(by_size.values()):
        lines += [
            "Each figure as `make bench` measured it at dataset S and at dataset L (the dates are in each "
            "section above and in `docs/benchmarks/*-S.json`).",
            "",
            "| figure | S | L | L ÷ S |",
            "| --- | --- | --- | --- |",
        ]
        for label, figure in FIGURES:
            small, large = figure(by_size["S"]), figure(by_size["L"])
            growth = f"{large / small:.1f}×" if small and large is not None else "–"
            lines.append(f"| {label} | {_format(small)} | {_format(large)} | {growth} |")
        lines.append("")
    prose = results_dir / "capacity.md"
    if prose.exists():
        lines.append(prose.read_text().strip())
    return lines if len(lines) > 2 else []
