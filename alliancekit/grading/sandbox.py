"""Where submissions run: a private view of the machine with none of the instructor's files and no network.

On Linux the worker starts inside new mount, network and PID namespaces (``unshare``; as root directly,
otherwise through a user namespace). Its root directory is an empty in-memory filesystem into which
only what a submission needs is mounted read-only: the system's programs and libraries, the Python
installation, the virtual environment, and a *runtime copy* of the kit holding the package without its
answer modules and the course data. The repository, ``solutions/``, the hidden cases, the gradebook,
the other submissions, the instructor's home folder and the rest of the filesystem do not exist in
that view; ``/tmp`` is a fresh scratch space; only a loopback interface exists, and it is down.

Where this cannot be set up (macOS, a container without namespaces), :func:`probe` says why and
``alliancekit grade`` refuses unless the instructor passes ``--no-isolation``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
REPO = PACKAGE.parent

# Mounted read-only into the sandbox when present (symlinks such as /lib -> usr/lib are recreated).
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")

SCRIPT = r"""
set -e
root="$1"; runtime="$2"; shift 2
mount -t tmpfs -o mode=0755 alliancekit-sandbox "$root"
# /tmp first: the Python installation or the venv may live under /tmp and are mounted inside it below
mkdir -p "$root/tmp"
mount -t tmpfs -o mode=0755,size=16m alliancekit-tmp "$root/tmp"
for dir in "$@"; do
  if [ -L "$dir" ]; then ln -s "$(readlink "$dir")" "$root$dir"; continue; fi
  [ -e "$dir" ] || continue
  mkdir -p "$root$dir"
  mount --rbind "$dir" "$root$dir"
  mount -o remount,bind,ro "$root$dir" 2>/dev/null || true
done
mkdir -p "$root/kit" "$root/dev" "$root/proc"
mount --rbind "$runtime" "$root/kit"
mount -o remount,bind,ro "$root/kit" 2>/dev/null || true
# a minimal /dev: the four character devices a program expects, an empty /dev/shm (each submission mounts a
# private, size-limited one over it), the usual links; nothing else of the host's /dev (its /dev/shm, its
# sockets, its terminals) exists in here
mount -t tmpfs -o mode=0755,size=64k,nr_inodes=64 alliancekit-dev "$root/dev"
for node in null zero random urandom; do
  touch "$root/dev/$node"
  mount --bind "/dev/$node" "$root/dev/$node"
done
mkdir -m 0755 "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
mount -o remount,bind,ro "$root/dev"
mount -t proc proc "$root/proc"
# the worker's own /tmp is not writable by a submission (each gets a fresh tmpfs of its own over it)
chmod 0755 "$root/tmp"
cd "$root"
exec chroot "$root" "$ALLIANCEKIT_PYTHON" -I -c "$ALLIANCEKIT_START"
"""


START = ("import sys, runpy; sys.path.insert(0, '/kit'); "
         "runpy.run_module('alliancekit.grading.worker', run_name='__main__')")


class IsolationUnavailable(RuntimeError):
    """The sandbox cannot be built on this machine (the message says why and what to do)."""


def build_runtime(target: Path) -> Path:
    """A copy of what a submission may see of the kit: the package without its answers, and the data."""
    target = Path(target)
    package = target / "alliancekit"
    # compiled files come along (copied with their sources' times, so they stay valid): the copy is mounted
    # read-only, and each worker would otherwise compile every module it imports again
    shutil.copytree(PACKAGE, package, ignore=_leave_out_answers)
    data_dir = Path(os.environ.get("ALLIANCEKIT_DATA", REPO / "data"))
    shutil.copytree(data_dir, target / "data", ignore=shutil.ignore_patterns("build", "sourcing", "*.md"))
    return target


def _leave_out_answers(folder: str, names: list[str]) -> set[str]:
    """The answer modules (``questions/qNN_*.py``) and their compiled files stay outside the copy."""
    folder = Path(folder)
    if folder.name == "__pycache__":
        folder = folder.parent
    if folder.name != "questions":
        return set()
    return {name for name in names if _ANSWER_MODULE.match(name)}


_ANSWER_MODULE = re.compile(r"^q\d+.*\.(py|pyc)$")


def _python_dirs() -> list[str]:
    dirs = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)}
    return sorted(dirs)


def command(runtime: Path, mountpoint: Path) -> tuple[list[str], dict]:
    """The command (and environment) that starts the worker inside the sandbox."""
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None or shutil.which("chroot") is None:
        raise IsolationUnavailable("this system has no Linux namespaces (unshare/chroot not found)")
    flags = ["-m", "-n", "-p", "-f", "--propagation", "private"]
    if os.geteuid() != 0:
        flags.insert(0, "-r")  # a user namespace gives an ordinary user the right to mount in private
    binds = list(SYSTEM_DIRS) + _python_dirs()
    env = {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "ALLIANCEKIT_PYTHON": sys.executable,
        # -I ignores PYTHONPATH: the runtime copy, mounted at /kit, goes first on sys.path explicitly
        "ALLIANCEKIT_START": START,
        "ALLIANCEKIT_DATA": "/kit/data",
        "ALLIANCEKIT_GRADING": "1",
        "ALLIANCEKIT_SANDBOX": "1",  # the worker gives each submission a private /tmp, /dev/shm and IPC
    }
    return (["unshare", *flags, "sh", "-c", SCRIPT, "alliancekit-sandbox", str(mountpoint), str(runtime), *binds],
            env)


def plain_command(runtime: Path) -> tuple[list[str], dict]:
    """The worker without isolation (only with --no-isolation): same runtime copy, same limits."""
    env = dict(os.environ, PYTHONPATH=str(runtime), ALLIANCEKIT_DATA=str(runtime / "data"), ALLIANCEKIT_GRADING="1")
    return [sys.executable, "-m", "alliancekit.grading.worker"], env


def probe() -> str | None:
    """None if the sandbox can be built here, else the reason it cannot."""
    try:
        cmd, _ = command(Path("/nonexistent"), Path("/nonexistent"))
    except IsolationUnavailable as exc:
        return str(exc)
    flags = cmd[1:cmd.index("sh")]
    try:
        result = subprocess.run(["unshare", *flags, "sh", "-c", "mount -t tmpfs none /mnt 2>/dev/null || "
                                 "mount -t tmpfs none /tmp"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unshare could not run ({exc})"
    if result.returncode != 0:
        return f"namespaces are not permitted here ({result.stderr.strip() or result.returncode})"
    return None
