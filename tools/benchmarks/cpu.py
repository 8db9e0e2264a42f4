"""What the machine's CPU did during a stretch of a benchmark: how busy it was in all, and
how much of it each group of processes spent (the app, the task consumer, PostgreSQL, Redis,
and the benchmark's own child processes), as shares of all its cores."""

import os
import resource
from pathlib import Path

# Who spent the CPU, by a word of the process's command line.
PROCESS_GROUPS = {
    "gunicorn": "app",
    "run_huey": "task consumer",
    "postgres": "PostgreSQL",
    "redis-server": "Redis",
}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
Reading = dict[int, tuple[str, int]]


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot."""
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields) - idle, sum(fields)


def _by_process() -> Reading:
    """Per process of a known group: (group, jiffies of user + system time since it started)."""
    spent: Reading = {}
    for folder in Path("/proc").iterdir():
        if not folder.name.isdigit():
            continue
        try:
            command = (folder / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            fields = (folder / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        group = next((name for word, name in PROCESS_GROUPS.items() if word in command), None)
        if group:
            spent[int(folder.name)] = (group, int(fields[11]) + int(fields[12]))
    return spent


def _spent_between(before: Reading, after: Reading) -> dict[str, int]:
    """Jiffies each group spent between two readings, process by process (a process started
    meanwhile counts from zero; one that ended meanwhile is lost: "other" holds it)."""
    spent = dict.fromkeys(PROCESS_GROUPS.values(), 0)
    for pid, (group, jiffies) in after.items():
        earlier = before.get(pid)
        spent[group] += jiffies - (earlier[1] if earlier and earlier[0] == group else 0)
    return spent


def _children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Meter:
    """Started at construction; `read` gives the machine's busy share since then and each
    group's share, "other" being what no group explains."""

    def __init__(self) -> None:
        self.machine = _machine_ticks()
        self.processes = _by_process()
        self.children = _children_seconds()

    def read(self, children_as: str) -> tuple[float, dict[str, float]]:
        children = _children_seconds()
        processes = _by_process()
        busy, total = _machine_ticks()
        elapsed = max(1, total - self.machine[1])
        busy_share = (busy - self.machine[0]) / elapsed
        shares = {group: jiffies / elapsed for group, jiffies in _spent_between(self.processes, processes).items()}
        # Child processes that have ended (locust) are counted by the kernel as this process's.
        shares[children_as] = (children - self.children) * CLOCK_TICKS / elapsed
        shares["other"] = max(0.0, busy_share - sum(shares.values()))
        return round(busy_share, 3), {group: round(share, 3) for group, share in shares.items()}
