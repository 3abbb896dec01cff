"""Review precision as an independent reader judged it (tests/fixtures/review/precision/*.md),
and as it stands now: the judged findings the review still raises, per rule, with the true
share (TRUE ÷ all). Findings the review raises now that were never judged are counted apart.
Each file is reviewed as `jixiao review FILE` does: its tables together (review_batch), so a
blank that every table of one form shares is one batch finding (JX705). Batch (cross-table)
findings are judged in sections headed `表间核对 — seeds` (the five seed files reviewed
together, as `jixiao review examples/seeds/*.txt`) or `表间核对 — <corpus entry>`.

Run with `.venv/bin/python bench/precision.py` (or `make bench`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from jixiao.api import parse_file
from jixiao.review import review_batch

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "tests" / "fixtures" / "review" / "precision"
SEEDS = ROOT / "examples" / "seeds"
CORPUS = ROOT / "tests" / "corpus"
VERDICTS = ("TRUE", "DEBATABLE", "FALSE")


def _tables(section_head: str):
    """The file and table a judged section speaks of: `000_… 表2 …` or `entry — table 2: …`."""
    seed = re.match(r"(\S+\.txt) 表(\d+)", section_head)
    if seed:
        return SEEDS / seed.group(1), int(seed.group(2))
    entry = re.match(r"(\S+) — table (\d+)", section_head)
    if entry:
        folder = CORPUS / entry.group(1)
        return next(p for p in sorted(folder.iterdir()) if p.name not in ("gold.json", "source.md")), int(entry.group(2))
    return None


def _rows(section: str) -> list[tuple[str, str, str]]:
    """(rule, where, verdict) of each judged finding, withdrawn ones left out."""
    found = []
    for line in section.split("\n"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and re.fullmatch(r"JX\d+", cells[0]) and "withdrawn" not in line:
            verdict = next((v for v in VERDICTS if v in cells[-2:]), None)
            if verdict:
                found.append((cells[0], " ".join(cells[2:-2]), verdict))
    return found


def _matches(finding, where: str) -> bool:
    """A judged row names its finding by line (L41) or by the quoted indicator or text."""
    line = re.search(r"\bL(\d+)\b", where)
    if line:
        return finding.line == int(line.group(1))
    quoted = [q.split()[0] for q in re.findall(r"“([^”]+)”", where) if q.split()]
    return not quoted or any(q[:6] in finding.message + (finding.indicator or "") for q in quoted)


def _batch(section_head: str) -> tuple[Path, ...] | None:
    """The files a 表间核对 section reviews together."""
    found = re.match(r"表间核对 — (\S+)", section_head)
    if found is None:
        return None
    if found.group(1) == "seeds":
        return tuple(sorted(SEEDS.glob("*.txt")))
    folder = CORPUS / found.group(1)
    return (next(p for p in sorted(folder.iterdir()) if p.name not in ("gold.json", "source.md")),)


def _judge_batch(files: tuple[Path, ...], rows, per_rule: dict[str, Counter]) -> int:
    """Count the judged cross findings still raised; return how many raised were not judged."""
    _, cross = review_batch([t for f in files for t in parse_file(str(f))])
    cross = list(cross)
    for rule, where, verdict in rows:
        per_rule[rule][("judged", verdict)] += 1
        quoted = [q[:6] for q in re.findall(r"“([^”]+)”", where)]
        hit = next((f for f in cross if f.rule_code == rule and all(q in f.message for q in quoted)), None)
        if hit is not None:
            cross.remove(hit)
            per_rule[rule][("now", verdict)] += 1
    return len(cross)


def main() -> None:
    reviewed: dict[Path, tuple] = {}
    per_rule: dict[str, Counter] = defaultdict(Counter)
    unjudged = 0
    batches: set[tuple[Path, ...]] = set()
    per_set: dict[str, Counter] = {}
    for path in sorted(JUDGED.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        before = _sum(per_rule)
        for section in re.split(r"^## ", text, flags=re.M)[1:]:
            batch = _batch(section.split("\n", 1)[0])
            if batch is not None:
                batches.add(batch)
                unjudged += _judge_batch(batch, _rows(section), per_rule)
                continue
            place = _tables(section.split("\n", 1)[0])
            if place is None:
                continue
            file, number = place
            if file not in reviewed:
                reviewed[file] = review_batch(parse_file(str(file)))
            findings = list(reviewed[file][0][number - 1].findings)
            for rule, where, verdict in _rows(section):
                hit = next((f for f in findings if f.rule.code == rule and _matches(f, where)), None)
                per_rule[rule][("judged", verdict)] += 1
                if hit is not None:
                    findings.remove(hit)
                    per_rule[rule][("now", verdict)] += 1
            unjudged += len(findings)
        per_set[path.stem] = _sum(per_rule) - before
    print(f"{'rule':6} {'judged T/D/F':>14} {'true':>6}   {'now T/D/F':>12} {'true':>6}")
    totals = Counter()
    for rule in sorted(per_rule):
        c = per_rule[rule]
        totals.update(c)
        print(f"{rule:6} {_line(c, 'judged')}   {_line(c, 'now')}")
    for name, counts in per_set.items():
        print(f"{name:6} {_line(counts, 'judged')}   {_line(counts, 'now')}")
    print(f"{'all':6} {_line(totals, 'judged')}   {_line(totals, 'now')}")
    print(f"findings raised now that no reader judged: {unjudged}")
    # The batches the judged tables belong to: the seeds together, each corpus file alone.
    expected = {tuple(sorted(SEEDS.glob("*.txt")))} | {(file,) for file in reviewed if file.parent != SEEDS}
    loose = Counter(f.rule_code for files in expected - batches
                    for f in review_batch([t for file in files for t in parse_file(str(file))])[1])
    print(f"batch findings with no 表间核对 section (not judged): {dict(sorted(loose.items())) or 0}")


def _sum(per_rule: dict[str, Counter]) -> Counter:
    return sum(per_rule.values(), Counter())


def _line(c: Counter, when: str) -> str:
    counts = [c[(when, v)] for v in VERDICTS]
    total = sum(counts)
    share = f"{counts[0] / total:6.1%}" if total else "     -"
    return f"{'/'.join(map(str, counts)):>14} {share}"


if __name__ == "__main__":
    main()
