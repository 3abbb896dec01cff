"""The command line's grammar in Chinese, on the standard library's argparse.

typer (from 0.2x) validates every argument through pydantic, whose import alone took 0.15 to
0.2 s of each run: a tenth of `parse --format json` on 1,800 tables and most of a one-file
run. argparse starts in a few milliseconds, and every word it prints is ours: the frame
words of the help, the help option, and the usage errors, which it writes in English and
this module says again in Chinese, in one line.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from jixiao.texts import width

PROGRAM = "jixiao"

# argparse's usage errors, as it words them (3.11 to 3.13), and how we say them.
USAGE = "用法："
_ERRORS: tuple[tuple[re.Pattern, Callable[[re.Match], str]], ...] = (
    (re.compile(r"the following arguments are required: (.+)"), lambda m: f"缺少参数 {m.group(1)}"),
    (re.compile(r"unrecognized arguments: (.+)"), lambda m: f"无法识别的参数：{m.group(1)}"),
    (re.compile(r"argument (\S+): expected one argument"), lambda m: f"{_first(m.group(1))} 后面缺少取值"),
    (re.compile(r"argument (\S+): ignored explicit argument (.+)"), lambda m: f"{_first(m.group(1))} 不带取值，却给了 {m.group(2)}"),
    (re.compile(r"argument (\S+): (.+)"), lambda m: f"{_first(m.group(1))}：{m.group(2)}"),
)


def _first(names: str) -> str:
    """`-f/--format` → `--format`: the long name says what the option is."""
    return names.split("/")[-1]


def choice(*values: str) -> Callable[[str], str]:
    """An option value that must be one of `values`, refused in Chinese."""
    def check(value: str) -> str:
        if value not in values:
            raise argparse.ArgumentTypeError(f"只能是 {'、'.join(values)}，而不是“{value}”")
        return value
    check.__name__ = "choice"
    return check


# What wraps as one piece: a run of Latin letters, digits and ASCII signs; else one character.
_PIECE = re.compile(r"[\x21-\x7e]+|\s+|.")
_NO_LINE_START = frozenset("，。、；：？！）》”’…")


def wrap(text: str, limit: int) -> list[str]:
    """Lines of at most `limit` columns. A line breaks between any two Chinese characters and
    at the spaces between Latin words, and never starts with closing punctuation."""
    lines: list[str] = []
    line, used = "", 0
    for piece in _PIECE.findall(text.strip()):
        size = width(piece)
        if used + size > limit and line.strip() and piece not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0
            if piece.isspace():
                continue
        line += piece
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _Help(argparse.HelpFormatter):
    """argparse's layout measured in terminal columns, not characters (a Chinese character
    takes two), with the usage line headed 用法 and each line of the examples kept apart."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=28, width=min(shutil.get_terminal_size().columns, 100) - 2)

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001 (argparse's signature)
        super().add_usage(usage, actions, groups, prefix=USAGE)

    def _format_usage(self, usage, actions, groups, prefix) -> str:  # noqa: ANN001 (argparse's signature)
        """argparse wraps the usage line by characters; wrap it again by columns where needed."""
        text = super()._format_usage(usage, actions, groups, prefix)
        lines = text.rstrip("\n").split("\n")
        if all(width(line) <= self._width for line in lines):
            return text
        parts = wrap(" ".join(line.strip() for line in lines), self._width - 4)
        return "\n".join([parts[0], *("    " + part for part in parts[1:])]) + "\n\n"

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            shown = width(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, shown)

    def _format_action(self, action: argparse.Action) -> str:
        column = min(self._action_max_length + 2, self._max_help_position)
        head = " " * self._current_indent + self._format_action_invocation(action)
        lines = wrap(self._expand_help(action), max(self._width - column, 20)) if action.help else []
        if lines and width(head) + 2 <= column:
            head += " " * (column - width(head)) + lines.pop(0)
        return "".join(f"{text}\n" for text in [head, *(" " * column + line for line in lines)])

    def _fill_text(self, text: str, limit: int, indent: str) -> str:
        out = []
        for line in text.splitlines():
            lead = line[:len(line) - len(line.lstrip())]
            parts = wrap(line, limit - width(indent + lead) - 4) or [""]
            hang = "    " if lead else ""  # an example's explanation hangs under it; a paragraph does not
            out += [indent + lead + parts[0], *(indent + lead + hang + part for part in parts[1:])]
        return "\n".join(out)


class Parser(argparse.ArgumentParser):
    """An argparse parser that speaks Chinese: 参数 and 选项, -h/--help, one-line errors."""

    def __init__(self, prog: str, description: str, examples: str = "") -> None:
        epilog = f"示例：\n{examples}" if examples else None
        super().__init__(prog=prog, description=description, epilog=epilog, formatter_class=_Help,
                         add_help=False, allow_abbrev=False)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def format_help(self) -> str:
        """argparse ends each section title with an ASCII colon; a Chinese title takes ：."""
        return re.sub(r"^(\S[^\n]*):$", r"\1：", super().format_help(), flags=re.M)

    def parse_intermixed_args(self, args: Sequence[str] | None = None, namespace=None) -> argparse.Namespace:  # noqa: ANN001
        # argparse fixes the usage by cutting the length of its English prefix off the line:
        # fix it first, without our prefix.
        if self.usage is None:
            self.usage = self.format_usage().removeprefix(USAGE).strip()
        return super().parse_intermixed_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        for pattern, say in _ERRORS:
            found = pattern.fullmatch(message)
            if found:
                message = say(found)
                break
        self.exit(2, f"错误：{message}（用 {self.prog} -h 查看用法）\n")


class Command:
    """One subcommand: its parser, and the function that runs it on the parsed arguments."""

    def __init__(self, name: str, summary: str, run: Callable[[argparse.Namespace], int], description: str = "",
                 examples: str = "") -> None:
        self.name, self.summary, self.run = name, summary, run
        self.parser = Parser(f"{PROGRAM} {name}", description or summary, examples)


def dispatch(commands: Sequence[Command], about: str, version: Callable[[], str], argv: Sequence[str]) -> int:
    """Run the command named first in argv. Each command parses its own arguments with
    parse_intermixed_args, so files and options may come in any order (argparse refuses
    that mix under subparsers)."""
    by_name = {c.name: c for c in commands}
    pad = max(len(c.name) for c in commands) + 2
    listing = "\n".join(f"  {c.name:<{pad}}{c.summary}" for c in commands)
    top = Parser(PROGRAM, about, "\n".join(f"  {PROGRAM} {c.name} -h" for c in commands[:1]))
    top.usage = f"{PROGRAM} [-h] [--version] 命令 [参数与选项]"
    top.epilog = f"命令：\n{listing}\n\n每个命令的参数与选项：{PROGRAM} 命令 -h"
    top.add_argument("--version", action="store_true", help="显示版本号并退出")
    if not argv:
        top.print_help()
        return 0
    first = argv[0]
    if first == "--version":
        sys.stdout.write(f"{PROGRAM} {version()}\n")
        return 0
    if first.startswith("-"):
        top.parse_args(argv[:1])  # -h prints the help; any other option is refused in Chinese
        return 0
    command = by_name.get(first)
    if command is None:
        top.error(f"没有命令“{first}”；可用的命令：{'、'.join(by_name)}")
    return command.run(command.parser.parse_intermixed_args(argv[1:]))
