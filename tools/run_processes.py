"""Run the processes of a MallCRM installation side by side, as one command: the web
server, the task consumer (the mall events' applier) and, for the demo, the simulated mall.
Each line of output is prefixed with its process; Ctrl-C or SIGTERM stops them all, and
if one of them dies the others are stopped too (so a broken start is not hidden).

    python tools/run_processes.py web="gunicorn ..." tasks="python manage.py run_huey"
"""

import shlex
import signal
import subprocess
import sys
import threading
import time
from types import FrameType


def _relay(name: str, stream: object) -> None:
    for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
        sys.stdout.write(f"{name:>9} | {line}")
        sys.stdout.flush()


def main(arguments: list[str]) -> int:
    commands = dict(argument.split("=", 1) for argument in arguments)
    processes: dict[str, subprocess.Popen[str]] = {}
    for name, command in commands.items():
        process = subprocess.Popen(
            shlex.split(command), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        processes[name] = process
        threading.Thread(target=_relay, args=(name, process.stdout), daemon=True).start()

    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    exit_code = 0
    while not stopping.is_set():
        for name, process in processes.items():
            if process.poll() is not None:
                print(f"{name} exited with {process.returncode}; stopping the others", flush=True)
                exit_code = process.returncode or 1
                stopping.set()
                break
        time.sleep(0.2)
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + 10
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
    return exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
