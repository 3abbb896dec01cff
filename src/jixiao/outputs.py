"""Where a command's output goes, decided so that nothing is lost or mislabelled: the format
follows the file name unless told, no two inputs write the same file, and an existing file is
kept unless --force says otherwise. `-` is standard output."""

from __future__ import annotations

import os
from pathlib import Path

STDOUT = "-"
# What a file name's extension says of a report's or a parse result's format.
_BY_EXTENSION = {".xlsx": "xlsx", ".html": "html", ".htm": "html", ".json": "json", ".txt": "text", ".md": "text"}


class OutputChoiceError(ValueError):
    """A choice of output that cannot be honoured; the message is the user's one line."""


def format_for(chosen: str | None, output: str | None, allowed: tuple[str, ...], default: str) -> str:
    """The format asked for with -f, else the one -o's extension names, else the default. A
    -f that contradicts the extension is refused rather than written under a false name."""
    named = _BY_EXTENSION.get(Path(output).suffix.lower()) if output and output != STDOUT else None
    if chosen is not None and named is not None and chosen != named:
        raise OutputChoiceError(f"{output}：扩展名表示 {named} 格式，与 --format {chosen} 矛盾；请改用一致的文件名或格式")
    if chosen is not None:
        return chosen
    if named is not None and named in allowed:
        return named
    return default


def free_name(path: Path) -> Path:
    """`path`, or the first of path-2, path-3 … that does not exist: a default name that never
    overwrites an earlier report."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def check_writable(path: Path, force: bool) -> None:
    """An existing file is overwritten only with --force."""
    if path.exists() and not force:
        raise OutputChoiceError(f"{path}：文件已存在；加 --force 覆盖，或用 -o 指定其他文件")


def export_targets(sources: list[str], directory: Path, extension: str) -> dict[str, Path]:
    """Each source's export file in `directory`: its own name with the new extension; where two
    sources share a name (d1/表.txt, d2/表.txt), their folders below the one they share are
    kept (目录/d1/表.html, 目录/d2/表.html), so that no export overwrites another."""
    if not sources:
        return {}
    names = [Path(source).stem for source in sources]
    clashing = {name for name in names if names.count(name) > 1}
    base = os.path.commonpath([os.path.dirname(os.path.abspath(s)) for s in sources]) if clashing else ""
    targets = {}
    for source, name in zip(sources, names):
        folder = directory
        if name in clashing:
            folder = directory / os.path.relpath(os.path.dirname(os.path.abspath(source)), base)
        targets[source] = folder / f"{name}.{extension}"
    # Still one name for two: 表.txt and 表.xlsx side by side keep their own extensions too.
    taken = list(targets.values())
    for source, target in targets.items():
        if taken.count(target) > 1:
            targets[source] = target.with_name(f"{target.stem}-{Path(source).suffix.lstrip('.')}{target.suffix}")
    return targets
