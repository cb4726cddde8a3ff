"""`cchc load --postgres DSN WAREHOUSE`: copy a warehouse's live rows into PostgreSQL, idempotently."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pipeline.store.postgres import DEFAULT_SCHEMA, LoadStats, load_warehouse


def add_load_parser(commands: Any) -> None:
    load = commands.add_parser(
        "load", help="load a warehouse into PostgreSQL (tables with keys, views); loading again changes nothing"
    )
    load.add_argument("warehouse", type=Path, metavar="WAREHOUSE", help="warehouse folder (cchc ingest --out)")
    load.add_argument(
        "--postgres",
        metavar="DSN",
        required=True,
        help="postgresql://user@host:5432/db (the password from PGPASSWORD or ~/.pgpass)",
    )
    load.add_argument("--schema", default=DEFAULT_SCHEMA, help=f"PostgreSQL schema (default: {DEFAULT_SCHEMA})")
    load.set_defaults(handler=run_load_command)


def run_load_command(args: argparse.Namespace) -> int:
    print(load_stats_text(load_warehouse(args.warehouse, args.postgres, schema=args.schema)))
    return 0


def load_stats_text(stats: LoadStats) -> str:
    """Per-table counts, then one line of totals."""
    lines = [f"{'table':12} {'rows':>9} {'inserted':>9} {'updated':>9} {'deleted':>9}"]
    for table in stats.tables:
        lines.append(f"{table.table:12} {table.rows:>9} {table.inserted:>9} {table.updated:>9} {table.deleted:>9}")
    inserted, updated, deleted = (
        sum(getattr(t, name) for t in stats.tables) for name in ("inserted", "updated", "deleted")
    )
    lines.append(
        f"PostgreSQL {stats.server}, schema {stats.schema}: {inserted} thêm / inserted, {updated} sửa / updated, "
        f"{deleted} xoá / deleted ({stats.seconds:.1f} s)"
    )
    return "\n".join(lines)
