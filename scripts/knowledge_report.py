"""Print the state of the knowledge base: records by status and age of check, the changing
rules, local rules, and amounts whose validity ended without a successor record.

`make knowledge-report` runs it. `--today YYYY-MM-DD` sets the reference day (default: the
clock), so a report can be reproduced.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.pgb.amounts import expired_amounts  # noqa: E402
from bot.pgb.knowledge import load_knowledge  # noqa: E402
from bot.pgb.models import Scope, Status  # noqa: E402

AGE_BUCKETS = ((30, "< 30 days"), (90, "30-89 days"), (365, "90-364 days"))


def _bucket(days: int) -> str:
    return next((label for limit, label in AGE_BUCKETS if days < limit), ">= 1 year")


def report(today: date) -> str:
    kb = load_knowledge()
    records = list(kb.records.values())
    lines = [f"Knowledge report for {today.isoformat()}: {len(records)} records", ""]
    lines.append("Records by status (seed and secondary never show a check date):")
    for status in Status:
        lines.append(f"  {status.value:<11} {sum(r.status is status for r in records):>4}")
    lines += ["", "Verified records by age of check:"]
    ages = Counter(
        _bucket((today - r.checked).days) for r in records if r.status is Status.VERIFIED
    )
    for _, label in (*AGE_BUCKETS, (0, ">= 1 year")):
        lines.append(f"  {label:<12} {ages.get(label, 0):>4}")
    by_date: dict[date, list[str]] = defaultdict(list)
    for r in records:
        by_date[r.checked].append(r.id)
    lines += ["", "Check dates:"]
    lines += [f"  {d.isoformat()}  {len(ids):>4} records" for d, ids in sorted(by_date.items())]
    lines += ["", "Changing rules (said with what changes, from when, and who to ask):"]
    for r in records:
        change = r.get("change")
        if change:
            starts = change.get("starts")
            lines.append(
                f"  {r.id}: {change['status']} {change.get('bill', '')}"
                f" from {starts.isoformat() if starts else '?'}"
            )
    lines += ["", "Local rules (said only to a deployment naming the area, PGB_LOCAL_AREAS):"]
    for r in records:
        if r.scope is Scope.LOCAL:
            lines.append(f"  {r.id}: {r.area}")
        for area in r.get("local") or {}:
            lines.append(f"  {r.id} (local exception): {area}")
    lines += ["", "Amounts whose validity ended without a successor (now 'unknown'):"]
    expired = expired_amounts(today, kb)
    for a in expired:
        variant = f"/{a.variant}" if a.variant else ""
        lines.append(
            f"  {a.key}{variant}: {a.id} held from {a.holds_from.isoformat()},"
            f" successor due {a.next_change.isoformat() if a.next_change else '?'}"
        )
    if not expired:
        lines.append("  none")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    args = parser.parse_args()
    print(report(args.today or date.today()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
