"""Errors that reach the user: one line naming the file and what was expected."""

import errno

# The operating system's reasons, said in Chinese (its own words are English).
_OS_REASONS = {
    errno.EACCES: "没有访问权限", errno.EPERM: "没有访问权限", errno.EISDIR: "这是文件夹，不是文件",
    errno.ENOENT: "不存在", errno.ENOTDIR: "路径中有一级不是文件夹", errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘只读", errno.EEXIST: "已存在", errno.ENAMETOOLONG: "文件名过长",
    errno.EMFILE: "同时打开的文件过多", errno.EIO: "读写出错（磁盘或网络故障）",
}


def os_reason(error: OSError, writing: bool = False) -> str:
    """Why the system refused, in Chinese. A file to write that "does not exist" lacks its folder."""
    if writing and error.errno == errno.ENOENT:
        return "所在文件夹不存在"
    return _OS_REASONS.get(error.errno, f"系统错误 {error.errno}" if error.errno else "系统错误")


class InputError(Exception):
    """A file that cannot be read as a target table."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}：{reason}")
        self.path = path
        self.reason = reason


class OutputError(Exception):
    """A file that cannot be written, with the reason in one line."""
