"""Command line of the mall simulator: `live`, `history`, `push`, `serve-export`.
Run `python -m tools.mall_simulator <command> --help` for each command's options."""

from __future__ import annotations

import argparse
import logging
import random
import signal
import sys
import threading
from collections import Counter
from datetime import date, datetime, time

from tools.mall_simulator.chaos import ChaosSettings
from tools.mall_simulator.events import SHANGHAI, parse_time, read_events, write_events
from tools.mall_simulator.export_server import ExportServer
from tools.mall_simulator.history import HistorySettings, generate_history
from tools.mall_simulator.live import LiveSettings, run_live
from tools.mall_simulator.pusher import Pusher, PushStopped
from tools.mall_simulator.state import MallState


def moment(text: str) -> datetime:
    """A day (midnight in Shanghai) or an RFC 3339 timestamp."""
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), time(), tzinfo=SHANGHAI)
    return parse_time(text)


def codes(text: str) -> list[str]:
    """Comma-separated invite codes."""
    return [code.strip() for code in text.split(",") if code.strip()]


def add_sizes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--customers", type=int, default=200, help="customers registering over the period")
    parser.add_argument("--products", type=int, default=80, help="products in the catalogue")
    parser.add_argument("--orders-per-day", type=float, default=40.0, help="orders on an ordinary weekday")
    parser.add_argument("--seed", type=int, default=7, help="same seed, same history")
    parser.add_argument("--invite-codes", type=codes, default=[], help="reps' invite codes, comma-separated")
    parser.add_argument("--invite-share", type=float, default=0.75, help="share of registrations with a code")


def add_delivery(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--crm-url", default="http://127.0.0.1:8000")
    parser.add_argument("--secret", required=True, help="whsec_ + base64 of the key, as configured in the CRM")
    parser.add_argument("--chaos-duplicates", type=float, default=0.0, help="share of events delivered 2-3 times")
    parser.add_argument("--chaos-drop", type=float, default=0.0, help="share of events never delivered")
    parser.add_argument("--chaos-shuffle", type=int, default=0, help="events may move up to this many places")
    parser.add_argument("--chaos-invalid", type=float, default=0.0, help="share of events followed by a broken one")


def history_settings(arguments: argparse.Namespace) -> HistorySettings:
    return HistorySettings(
        customers=arguments.customers,
        products=arguments.products,
        orders_per_day=arguments.orders_per_day,
        seed=arguments.seed,
        invite_codes=arguments.invite_codes,
        invite_share=arguments.invite_share,
    )


def chaos_settings(arguments: argparse.Namespace) -> ChaosSettings:
    return ChaosSettings(
        duplicate_share=arguments.chaos_duplicates,
        drop_share=arguments.chaos_drop,
        shuffle_window=arguments.chaos_shuffle,
        invalid_share=arguments.chaos_invalid,
    )


def stop_on_signals() -> threading.Event:
    """An event set by SIGINT or SIGTERM, so every loop can wind down cleanly."""
    stop = threading.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda *_: stop.set())
    return stop


def command_history(arguments: argparse.Namespace) -> int:
    events = generate_history(start=arguments.start, end=arguments.end, settings=history_settings(arguments))
    write_events(arguments.out, events)
    counts = Counter(event["type"] for event in events)
    tally = ", ".join(f"{event_type} {count}" for event_type, count in sorted(counts.items()))
    print(f"{len(events)} events written to {arguments.out}: {tally}")
    return 0


def command_push(arguments: argparse.Namespace) -> int:
    pusher = Pusher(
        crm_url=arguments.crm_url,
        secret=arguments.secret,
        batch_size=arguments.batch_size,
        rate=arguments.rate,
        chaos=chaos_settings(arguments),
        max_attempts=arguments.max_attempts,
        rng=random.Random(arguments.seed),
        stop=stop_on_signals(),
    )
    try:
        report = pusher.push(read_events(arguments.file))
    except PushStopped:
        print("stopped")
        return 130
    print(report.summary())
    for rejection in report.rejections[:20]:
        print("rejected:", rejection)
    return 1 if report.failed_batches else 0


def command_serve_export(arguments: argparse.Namespace) -> int:
    state = MallState.from_events(read_events(arguments.file))
    server = ExportServer(state=state, token=arguments.token, host=arguments.host, port=arguments.port).start()
    print(f"export API at {server.url}/export/v1/ (Ctrl-C to stop)")
    stop_on_signals().wait()
    server.stop()
    return 0


def command_live(arguments: argparse.Namespace) -> int:
    settings = LiveSettings(
        crm_url=arguments.crm_url,
        secret=arguments.secret,
        export_token=arguments.export_token,
        invite_codes=arguments.invite_codes,
        rate=arguments.rate,
        export_host=arguments.export_host,
        export_port=arguments.export_port,
        history_days=arguments.history_days,
        history=history_settings(arguments),
        chaos=chaos_settings(arguments),
        time_scale=arguments.time_scale,
        journal_path=arguments.journal,
    )
    run_live(settings, stop_on_signals())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools.mall_simulator", description=__doc__)
    parser.add_argument("--verbose", action="store_true")
    commands = parser.add_subparsers(dest="command", required=True)

    live = commands.add_parser("live", help="push a back history, then live events; serve the export API")
    add_sizes(live)
    add_delivery(live)
    live.add_argument("--rate", type=float, default=2.0, help="live events per second")
    live.add_argument("--history-days", type=int, default=90)
    live.add_argument("--export-host", default="127.0.0.1")
    live.add_argument("--export-port", type=int, default=8100)
    live.add_argument("--export-token", required=True)
    live.add_argument("--time-scale", type=float, default=60.0, help="live status changes run this much faster")
    live.add_argument("--journal", default=None, help="JSON-lines file of every event, to resume after a restart")
    live.set_defaults(handler=command_live)

    history = commands.add_parser("history", help="write a generated history as JSON lines")
    add_sizes(history)
    history.add_argument("--start", type=moment, required=True, help="YYYY-MM-DD (Shanghai) or RFC 3339")
    history.add_argument("--end", type=moment, required=True)
    history.add_argument("--out", required=True)
    history.set_defaults(handler=command_history)

    push = commands.add_parser("push", help="deliver a JSON-lines file of events to the CRM")
    add_delivery(push)
    push.add_argument("--file", required=True)
    push.add_argument("--batch-size", type=int, default=500)
    push.add_argument("--rate", type=float, default=None, help="events per second (default: as fast as possible)")
    push.add_argument("--max-attempts", type=int, default=8, help="attempts per batch; 0 retries forever")
    push.add_argument("--seed", type=int, default=7, help="seed of the chaos")
    push.set_defaults(handler=command_push)

    serve = commands.add_parser("serve-export", help="serve the export API over a JSON-lines history")
    serve.add_argument("--file", required=True)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8100)
    serve.add_argument("--token", required=True)
    serve.set_defaults(handler=command_serve_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    if getattr(arguments, "max_attempts", None) == 0:
        arguments.max_attempts = None
    logging.basicConfig(
        level=logging.DEBUG if arguments.verbose else logging.INFO,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    return int(arguments.handler(arguments))


if __name__ == "__main__":
    sys.exit(main())
