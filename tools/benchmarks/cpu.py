"""What the machine's CPU did during a stretch of a benchmark: how busy it was in all, and
how much of it each group of processes spent (the app, the task consumer, PostgreSQL, Redis,
and processes the benchmark names by their id, such as its load generator), as shares of
all its cores."""

from pathlib import Path

# Who spent the CPU, by a word of the process's command line.
PROCESS_GROUPS = {
    "gunicorn": "app",
    "run_huey": "task consumer",
    "postgres": "PostgreSQL",
    "redis-server": "Redis",
}
Reading = dict[int, tuple[str, int]]


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot."""
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields) - idle, sum(fields)


def _by_process(watched: dict[int, str]) -> Reading:
    """Per process of a known group, or watched by its id: (group, jiffies of user + system
    time since it started)."""
    spent: Reading = {}
    for folder in Path("/proc").iterdir():
        if not folder.name.isdigit():
            continue
        try:
            command = (folder / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            fields = (folder / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        group = watched.get(int(folder.name)) or next(
            (name for word, name in PROCESS_GROUPS.items() if word in command), None
        )
        if group:
            spent[int(folder.name)] = (group, int(fields[11]) + int(fields[12]))
    return spent


def _spent_between(before: Reading, after: Reading, groups: list[str]) -> dict[str, int]:
    """Jiffies each group spent between two readings, process by process (a process started
    meanwhile counts from zero; one that ended meanwhile is lost: "other" holds it)."""
    spent = dict.fromkeys(groups, 0)
    for pid, (group, jiffies) in after.items():
        earlier = before.get(pid)
        spent[group] += jiffies - (earlier[1] if earlier and earlier[0] == group else 0)
    return spent


class Meter:
    """Started at construction; `read` gives the machine's busy share since then and each
    group's share, "other" being what no group explains. `watched` names processes by id
    (a process's CPU time can only be read while it runs: read before it ends)."""

    def __init__(self, watched: dict[int, str] | None = None) -> None:
        self.watched = watched or {}
        self.groups = [*PROCESS_GROUPS.values(), *self.watched.values()]
        self.machine = _machine_ticks()
        self.processes = _by_process(self.watched)

    def read(self) -> tuple[float, dict[str, float]]:
        processes = _by_process(self.watched)
        busy, total = _machine_ticks()
        elapsed = max(1, total - self.machine[1])
        busy_share = (busy - self.machine[0]) / elapsed
        spent = _spent_between(self.processes, processes, self.groups)
        shares = {group: jiffies / elapsed for group, jiffies in spent.items()}
        shares["other"] = max(0.0, busy_share - sum(shares.values()))
        return round(busy_share, 3), {group: round(share, 3) for group, share in shares.items()}
