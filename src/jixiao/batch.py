"""A command's files, as a finance bureau gives them: paths, folders and patterns, read one by
one so that a file that cannot be read is reported in one line and the others go on.

A folder is searched through its subfolders for the formats jixiao reads, told by content; a
pattern the shell left unexpanded ("表*.txt", as Windows passes it) is expanded here.
"""

from __future__ import annotations

import codecs
import glob
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from jixiao.api import batch_collection, parse_file
from jixiao.errors import InputError
from jixiao.model import TargetTable
from jixiao.readers import sniff, text

# Files a folder holds that are no one's table: the Office lock files and hidden files.
_SKIPPED_PREFIXES = ("~$", ".")
# Progress is worth showing from this many files on.
PROGRESS_FROM = 20


def expand(arguments: list[str]) -> tuple[list[str], list[InputError]]:
    """The files named, found in the folders named, or matching the patterns named, each once
    and in the order given; and an error for each argument that names nothing readable."""
    files: list[str] = []
    problems: list[InputError] = []
    seen: set[str] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = [str(p) for p in sorted(path.rglob("*")) if p.is_file() and _readable(p)]
            empty = "文件夹中没有可读取的绩效目标表文件（文本、Excel、Word、PDF 或 HTML）"
        elif path.exists() or not any(sign in argument for sign in "*?["):
            found, empty = [argument], ""
        else:
            found = sorted(p for p in glob.glob(argument, recursive=True)
                           if os.path.isfile(p) and not os.path.basename(p).startswith(_SKIPPED_PREFIXES))
            empty = "没有与之匹配的文件"
        if not found:
            problems.append(InputError(argument, empty))
        for file in found:
            if file not in seen:
                seen.add(file)
                files.append(file)
    return files, problems


def _readable(path: Path) -> bool:
    """A file of a format jixiao reads, by its first bytes; a name does not decide it."""
    if path.name.startswith(_SKIPPED_PREFIXES):
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(65536)
    except OSError:
        return True  # let the reader say why it cannot be read
    kind = sniff(head)
    if kind in ("xlsx", "docx", "pdf", "html"):
        return True
    return kind == "text" and _looks_like_text(head[:4096])


def _looks_like_text(head: bytes) -> bool:
    """Text in one of the encodings the text reader takes, judged on a sample that may end
    in the middle of a character."""
    if not head.strip():
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        try:
            return text.plain_share(text.decode(head[: len(head) // 2 * 2], "")) > 0.9
        except (InputError, UnicodeDecodeError):
            return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            sample = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return text.plain_share(sample) > 0.9
    return False


class Batch:
    """The files of one command, read in turn. Failures are kept, with the count of tables
    read, for the summary; `on_failure` hears of each as it happens."""

    def __init__(self, arguments: list[str], on_failure: Callable[[InputError], None]) -> None:
        self.files, problems = expand(arguments)
        self.failures: list[InputError] = []
        self.tables = 0
        self.read_files = 0
        self.on_failure = on_failure
        for problem in problems:
            self.fail(problem)

    def fail(self, error: InputError) -> None:
        self.failures.append(error)
        self.on_failure(error)

    def read(self, show_progress: bool = False) -> Iterator[tuple[str, list[TargetTable]]]:
        """Each readable file with its tables."""
        with batch_collection(), _progress(len(self.files) if show_progress else 0) as advance:
            for path in self.files:
                try:
                    tables = parse_file(path)
                except InputError as error:
                    self.fail(error)
                    continue
                finally:
                    advance()
                self.read_files += 1
                self.tables += len(tables)
                yield path, tables

    @property
    def attempted(self) -> int:
        """The files tried, and the arguments that named none."""
        return len(self.files) + sum(1 for f in self.failures if f.path not in self.files)

    def summary(self) -> str:
        """One line: files and tables read, and the files that failed, by kind of reason."""
        line = f"共读取 {self.read_files} 个文件、{self.tables} 张表"
        if self.failures:
            reasons: dict[str, int] = {}
            for failure in self.failures:
                reason = failure.reason.split("（")[0].split("：")[0]  # 未找到绩效目标表（…）, 未导出：…
                reasons[reason] = reasons.get(reason, 0) + 1
            line += f"；{len(self.failures)} 个未能处理（" + "；".join(f"{r} {n} 个" for r, n in reasons.items()) + "）"
        return line


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error, for a long batch at a terminal; otherwise nothing."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("读取"), BarColumn(), MofNCompleteColumn(), TextColumn("剩余"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=total)
        yield lambda: progress.advance(task)
