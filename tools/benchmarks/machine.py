"""The machine a benchmark ran on, recorded beside its figures: cores, CPU, memory, and a
speed reference, since the same hosts differ from day to day."""

import os
import platform
import time
from pathlib import Path
from typing import Any


def describe() -> dict[str, Any]:
    """What the figures were measured on."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line), ""
        )
    memory_kb = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        memory_kb = int(
            next(line.split()[1] for line in meminfo.read_text().splitlines() if line.startswith("MemTotal"))
        )
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "loop_seconds": _loop_seconds(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": platform.platform(terse=True),
    }


def _loop_seconds() -> float:
    """A speed reference between runs: the same hosts differ by two times from day to day
    (shared cores), and every figure with them. The best of three pure-Python loops."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(10_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return round(best, 2)


def note(record: dict[str, Any]) -> str:
    """A sentence on the machine, for a section of docs/benchmarks.md."""
    machine = record.get("machine", {})
    if "loop_seconds" not in machine:
        return ""
    return (
        f" Machine: {machine['cores']} cores ({machine['cpu']}), {machine['memory_gb']} GB; a 10-million-step "
        f"Python loop took {machine['loop_seconds']} s (the speed reference between runs)."
    )
