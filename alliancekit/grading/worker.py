"""The grading worker: one preloaded interpreter that forks a fresh, limited child for each submission.

Started by :mod:`alliancekit.grading.runner`, usually inside the sandbox of :mod:`.sandbox`. The worker
is a *zygote*: it never receives a submission, a job or a result. It talks to the grader over a control
socket (inherited as the one descriptor named by ``ALLIANCEKIT_CONTROL_FD``; its standard input is
/dev/null) carrying only small messages:

    worker -> grader   {"ready": true, ...}
    grader -> worker   {"warm": [cells]}             the exercise as handed out (the instructor's blank copy)
    worker -> grader   {"warmed": true, ...}
    grader -> worker   {"fork": true}
    worker -> grader   {"child": pid}  + one end of a new socket pair, passed as a descriptor
    grader -> worker   {"run": {"timeout": seconds}}  once the grader has written the job to that child
    worker -> grader   {"done": pid, "exit": code, "timed_out": bool, "seconds": s}

Each child is forked *before* its job exists anywhere near the worker: the grader writes the job straight
into the child's own socket, and reads the answers back from it. So a child's memory holds nothing of
any other student, and the only channel it has leads to the grader, for its own job.

The child then, before running a line of the submission:

- closes every inherited descriptor but its own channel (standard input is /dev/null, ``sys.stdin`` is
  a closed file), starts a session of its own;
- in the sandbox, takes a mount and an IPC namespace of its own with a fresh, size-limited tmpfs on
  ``/tmp`` and on ``/dev/shm`` (so nothing planted by an earlier submission can be there, and what the
  submission writes in memory-backed files counts against its memory), and small System V IPC limits;
- drops its privileges (as root: becomes 'nobody'; in a user namespace: gives up every capability for
  good) and only then creates its working folder, so no privileged call ever touches a path a
  submission could have prepared;
- sets limits on memory (less what its tmpfs may hold), CPU time, processes and file size.

It runs the code cells (as IPython would), and writes the answers back **as plain data** (never objects),
with the job's id and nonce, on its channel. The worker waits for the child with a deadline, kills it at
the time limit, and then makes sure nothing of the submission is left: in the sandbox the worker is PID 1
of its namespace and ends every other process there (see ``_sweep``); elsewhere each child has a PID
namespace of its own where the system allows it.

Nothing here judges an answer: that happens in the trusted grading process, on plain data, after
:mod:`.validate` has checked its shape.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import resource
import select
import shutil
import signal
import socket
import sys
import tempfile
import time

NOBODY = 65534
CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND = 0x1, 0x2, 0x4, 0x8, 0x20, 0x1000
MS_REC, MS_PRIVATE = 0x4000, 0x40000
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS = 1, 24, 28, 38
SECBIT_NOROOT, SECBIT_NOROOT_LOCKED, SECBIT_KEEP_CAPS, SECBIT_KEEP_CAPS_LOCKED = 0x1, 0x2, 0x10, 0x20
CAP_DAC_READ_SEARCH = 2
RESULT_LIMIT = 8 * 1024 * 1024  # bytes of JSON a child may send back
JOB_LIMIT = 48 * 1024 * 1024  # bytes of JSON a job may take (a submission is at most 20 MB)
CONTROL_LIMIT = 16 * 1024 * 1024  # bytes of one control message (the warm-up cells are the largest)
GRACE_SECONDS = 3.0  # after the time limit, for the interrupted child to send back the answers it has
SANDBOX_FAILED = 71  # a child's exit status when its private filesystem could not be set up (grader-side)


def _warm_up():
    """Import what every submission uses, once, so each fork starts warm. What a particular exercise uses
    beyond this (plotly, the kit's charts, its tables) is loaded by running its handed-out copy (_warm_with);
    the worker stays small otherwise, and a smaller process forks faster."""
    import IPython.core.interactiveshell  # noqa: F401
    import pandas as pd

    from alliancekit import checking, data  # noqa: F401
    from alliancekit.questions.plain import to_plain  # noqa: F401

    pd.DataFrame({"a": [1]}).groupby("a").size()


def _load_every_table() -> None:
    """Every table in the cache, so a submission's data.load is a copy from the fork's memory."""
    from alliancekit import data

    for name in data.tables():
        try:
            data.load(name)
        except Exception:
            pass


def _warm_with(cells: list[str], shell) -> None:
    """Run the exercise as handed out (the instructor's blank copy, never a submission) in a throwaway
    namespace, so what every submission uses (tables, pandas' code paths) is loaded once here rather than
    in each child."""
    if not cells:  # no handed-out copy to learn from: preload every table (about 0.3 s)
        _load_every_table()
    namespace = dict(shell.user_ns)
    namespace["STUDENT_ID"] = "warm-up"
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = open(os.devnull, "w")
    try:
        for code in cells:
            try:
                exec(_compile_cell(code, "<warm-up>", shell), namespace)
            except BaseException:
                pass
    finally:
        sys.stdout, sys.stderr = saved
    namespace.clear()
    gc.collect()
    gc.freeze()  # children's collections then skip the preloaded objects (fewer copied pages)


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _unshare(flags: int) -> bool:
    try:
        return _libc().unshare(flags) == 0
    except Exception:
        return False


def _die_with_parent() -> None:
    """If the session leader is killed (timeout), PID 1 of the namespace dies too, and with it everything."""
    try:
        _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except Exception:
        pass


# ---------------------------------------------------------------------------------------------------------------
# Limits: memory counts what the submission may keep in its tmpfs as well as what it allocates

def memory_split(memory_mb: int) -> tuple[int, int, int]:
    """(address space, /tmp, /dev/shm) in MiB for a submission allowed ``memory_mb`` in all: a tmpfs holds
    its files in memory, which an address-space limit does not see, so their sizes come out of the total."""
    memory_mb = max(64, int(memory_mb))
    tmp_mb = max(8, memory_mb // 8)
    shm_mb = max(4, memory_mb // 32)
    return memory_mb - tmp_mb - shm_mb, tmp_mb, shm_mb


def _limit(job: dict) -> None:
    memory = memory_split(job.get("memory_mb", 1024))[0] * 1024 * 1024
    current = _address_space()
    resource.setrlimit(resource.RLIMIT_AS, (current + memory, current + memory))
    cpu = int(job.get("timeout", 20) + GRACE_SECONDS) + 2  # the wall-clock deadline comes first
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_FSIZE, (50 * 1024 * 1024, 50 * 1024 * 1024))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_MSGQUEUE, (64 * 1024, 64 * 1024))  # POSIX message queues
    # RLIMIT_NPROC counts every process of the real user. As root the child has become 'nobody'
    # (see _drop_privileges); in a user namespace the grader passes its own count plus the allowance.
    nproc = int(job.get("max_processes", 64))
    try:
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    except (ValueError, OSError):
        pass


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 2 * 1024 ** 3


# ---------------------------------------------------------------------------------------------------------------
# The child's private view: its own /tmp, /dev/shm and IPC objects (only inside the sandbox)

def _mount(source: str, target: str, fstype: str | None, flags: int, options: str | None) -> None:
    libc = _libc()
    if libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None, flags,
                  options.encode() if options else None) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"mount {target}: {os.strerror(errno)}")


def _python_dirs() -> list[str]:
    return sorted({os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)})


def _private_filesystem(job: dict) -> None:
    """A mount and IPC namespace of this child's own: new empty tmpfs on /tmp and /dev/shm, sized so that
    what they hold counts against the submission's memory; System V IPC limited to the same /dev/shm size.
    Everything here ends with the child's last process. Raises if any part cannot be set up."""
    if not _unshare(CLONE_NEWNS | CLONE_NEWIPC):
        raise OSError(ctypes.get_errno(), "unshare")
    _mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    _, tmp_mb, shm_mb = memory_split(job.get("memory_mb", 1024))
    safe = MS_NOSUID | MS_NODEV
    # the Python installation may live under /tmp (a venv in a temporary clone): keep it visible, read-only
    kept = [(d, os.open(d, os.O_PATH)) for d in _python_dirs() if d.startswith("/tmp/")]
    _mount("alliancekit-tmp", "/tmp", "tmpfs", safe, f"size={tmp_mb}m,nr_inodes=16384,mode=1777")
    for path, fd in kept:
        os.makedirs(path, mode=0o755, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC, None)
        _mount("none", path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_REC, None)
        os.close(fd)
    _mount("alliancekit-shm", "/dev/shm", "tmpfs", safe | MS_NOEXEC, f"size={shm_mb}m,nr_inodes=1024,mode=1777")
    # the IPC namespace is new and empty; its limits are its own (best effort: older kernels refuse)
    pages = shm_mb * 1024 * 1024 // resource.getpagesize()
    for name, value in (("kernel/shmmax", shm_mb * 1024 * 1024), ("kernel/shmall", pages), ("kernel/shmmni", 16),
                        ("kernel/msgmni", 16), ("kernel/msgmnb", 65536), ("fs/mqueue/queues_max", 4)):
        try:
            with open(f"/proc/sys/{name}", "w") as f:
                f.write(str(value))
        except OSError:
            pass


# ---------------------------------------------------------------------------------------------------------------
# Privileges

def _last_capability() -> int:
    try:
        with open("/proc/sys/kernel/cap_last_cap") as f:
            return int(f.read())
    except (OSError, ValueError):
        return 40


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _lock_capabilities(keep: int) -> None:
    """Before the uid changes: no capability can ever be regained by running a program as uid 0
    (securebits), the bounding set holds only ``keep`` (a bit mask), which alone survives the change."""
    libc = _libc()
    bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | (SECBIT_KEEP_CAPS if keep else SECBIT_KEEP_CAPS_LOCKED)
    libc.prctl(PR_SET_SECUREBITS, bits, 0, 0, 0)
    for cap in range(_last_capability() + 1):
        if not keep >> cap & 1:
            libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)


def _set_capabilities(keep: int) -> None:
    """Exactly ``keep`` (a bit mask of the first 32 capabilities), effective and permitted; no new privileges
    through set-user-ID files."""
    libc = _libc()
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (_CapData * 2)()
    data[0].effective = data[0].permitted = keep
    libc.capset(ctypes.byref(header), data)
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)


def _capabilities_left() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("CapEff:"):
                    return int(line.split()[1], 16)
    except (OSError, ValueError):
        pass
    return 0


def _drop_privileges(keep: int = 0) -> None:
    """Become unprivileged: as root, 'nobody' with no capabilities; in a user namespace (where 'root' is
    the instructor's own account and 'nobody' cannot be reached) every capability is given up. Raises if
    any capability but ``keep`` is left, so a submission never runs privileged.

    ``keep`` is only used without the sandbox, as root: there 'nobody' keeps the right to read and search
    (CAP_DAC_READ_SEARCH, never to write), so that a Python installed where only root can read (under
    /root) still imports; reading the instructor's files is what running without isolation already means."""
    _lock_capabilities(keep)
    if os.getuid() == 0 or os.geteuid() == 0:
        try:
            os.setgroups([])
        except OSError:
            pass
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        except OSError:
            pass  # a user namespace maps only the instructor's account: the capabilities go below
    _set_capabilities(keep)
    if _capabilities_left() & ~keep:
        raise PermissionError("capabilities could not be dropped")


# ---------------------------------------------------------------------------------------------------------------
# Running the cells

class TimeLimit(BaseException):
    """Raised inside a submission's running cell when its time is up."""


def _interrupt(_signum, _frame):
    raise TimeLimit()


def _compile_cell(code: str, name: str, shell):
    """A cell as IPython would run it. Plain Python compiles as it is; only what is not Python (magics,
    !commands, ``x?``) goes through IPython's transformation, which costs about a millisecond a submission."""
    try:
        return compile(code, name, "exec")
    except SyntaxError:
        return compile(shell.transform_cell(code), name, "exec")


def _error_details(exc: BaseException, filename: str) -> dict:
    """What the student needs to find a failing cell's error: the message and the line in that cell
    (never raising: the exception is the submission's own object)."""
    try:
        # a SyntaxError's own text names the compiled cell ("<cell 3>"), which is not the number the student sees
        message = str(exc.msg if isinstance(exc, SyntaxError) else exc)[:300]
    except BaseException:
        message = ""
    line = None
    try:
        if isinstance(exc, SyntaxError) and exc.filename == filename:
            line = exc.lineno
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == filename:
                line = tb.tb_lineno  # the deepest line of the cell itself
            tb = tb.tb_next
    except BaseException:
        pass
    return {"message": message, "line": line if isinstance(line, int) else None}


def _run_cells(job: dict, shell) -> dict:
    errors = []
    namespace = shell.user_ns
    # At the time limit the running cell is interrupted, as in a notebook; the answers computed before it still
    # count. A submission that ignores the interruption is killed by the worker a moment later.
    signal.signal(signal.SIGALRM, _interrupt)
    signal.setitimer(signal.ITIMER_REAL, max(0.1, float(job.get("timeout", 20))))
    timed_out = False
    for i, code in enumerate(job["cells"]):
        # a plain exec, not run_cell: its display and history machinery costs milliseconds per cell and
        # nothing it displays is read while grading
        try:
            exec(_compile_cell(code, f"<cell {i + 1}>", shell), namespace)
        except TimeLimit:
            errors.append({"cell": i + 1, "error": "time limit"})
            timed_out = True
            break
        except SystemExit:
            errors.append({"cell": i + 1, "error": "SystemExit"})
        except BaseException as exc:
            errors.append({"cell": i + 1, "error": type(exc).__name__, **_error_details(exc, f"<cell {i + 1}>")})
    signal.setitimer(signal.ITIMER_REAL, 0)
    from alliancekit.questions.plain import to_plain

    answers = {}
    for name in job["names"]:
        if name in shell.user_ns:
            answers[name] = to_plain(shell.user_ns[name])
        else:
            answers[name] = {"kind": "missing"}
    for name, expression in job.get("probes", {}).items():
        try:
            value = eval(expression, shell.user_ns)  # instructor-only cases, run on the student's functions
            answers[name] = to_plain(value)
        except BaseException as exc:
            answers[name] = {"kind": "unreadable", "type": "probe", "why": type(exc).__name__}
    return {"answers": answers, "errors": errors, "timed_out": timed_out}


# ---------------------------------------------------------------------------------------------------------------
# The child

def _keep_only(fd: int) -> None:
    """Close every inherited descriptor but ``fd``; 0, 1 and 2 become /dev/null."""
    top = max(resource.getrlimit(resource.RLIMIT_NOFILE)[0], fd + 1)
    top = min(top, 1 << 20)
    os.closerange(0, fd)
    os.closerange(fd + 1, top)
    null = os.open(os.devnull, os.O_RDWR)
    for std in (0, 1, 2):
        if null != std:
            os.dup2(null, std)
    if null > 2:
        os.close(null)


def _read_job(channel: socket.socket) -> dict:
    """The job the grader wrote on this child's channel: everything up to the grader's end of writing."""
    chunks, size = [], 0
    while True:
        chunk = channel.recv(1 << 20)
        if not chunk:
            break
        size += len(chunk)
        if size > JOB_LIMIT:
            raise ValueError("job too large")
        chunks.append(chunk)
    return json.loads(b"".join(chunks))


def _make_scratch(job: dict, sandboxed: bool, scratch_root: str | None) -> str:
    """The working folder, made by the unprivileged child itself: in the sandbox on its own fresh /tmp;
    elsewhere a new, unpredictable folder in this worker's scratch space (nothing planted can be in the way)."""
    scratch = job["scratch"]
    if sandboxed:
        os.mkdir(scratch, 0o700)
        return scratch
    return tempfile.mkdtemp(prefix=os.path.basename(scratch) + "-", dir=scratch_root or os.path.dirname(scratch))


def _child(channel_fd: int, shell, worker_is_init: bool, sandboxed: bool, scratch_root: str | None) -> None:
    """Runs in the forked child: never returns."""
    code = 0
    try:
        _keep_only(channel_fd)
        sys.stdin = open(os.devnull)
        sys.stdin.close()  # nothing to read: a submission's input() fails as in a notebook without a front end
        os.setsid()
        channel = socket.socket(fileno=channel_fd)
        job = _read_job(channel)
        # Everything a submission starts must end with it. In the sandbox the worker is PID 1 of its own PID
        # namespace and sweeps the namespace after each submission (see _sweep); elsewhere the child puts
        # itself in a PID namespace of its own where it can.
        if not worker_is_init and _unshare(CLONE_NEWPID):
            # the next fork is PID 1 of a fresh namespace: when it ends, everything it started ends too
            pid = os.fork()
            if pid == 0:
                _die_with_parent()
            else:
                channel.close()
                _, status = os.waitpid(pid, 0)
                os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
        try:
            if sandboxed:
                _private_filesystem(job)
            if os.getuid() == 0 or sandboxed:
                _drop_privileges(0 if sandboxed else 1 << CAP_DAC_READ_SEARCH)
            scratch = _make_scratch(job, sandboxed, scratch_root)
        except BaseException:
            os._exit(SANDBOX_FAILED)
        _limit(job)
        os.chdir(scratch)
        os.environ["HOME"] = scratch
        os.environ["ALLIANCEKIT_VARIANTS"] = json.dumps(job.get("variants", {}))
        sys.stdout = sys.stderr = open(os.devnull, "w")
        ident = {"id": job["id"], "nonce": job.get("nonce")}
        outcome = _run_cells(job, shell)
        del job
        payload = json.dumps({**outcome, **ident}).encode()[:RESULT_LIMIT + 1]
        channel.sendall(payload)
        channel.close()
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _kill_session(pid: int) -> None:
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
        except OSError:
            pass


def _sweep(spare: int | None = None) -> None:
    """As PID 1 of the sandbox's namespace, end every process left in it (the submission's descendants,
    even those that left its session) and reap them, so the next submission starts alone. ``spare``, the
    child already forked for the next submission (still waiting for its job), is left alone."""
    if os.getpid() != 1:
        return
    if spare is not None:
        _sweep_around(spare)
        return
    try:
        os.kill(-1, signal.SIGKILL)  # from PID 1: every other process of the namespace
    except OSError:
        pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return
        except OSError:
            return


def _sweep_around(spare: int) -> None:
    """_sweep, sparing one process: kill every other one seen in /proc until none is left (a submission's
    processes are limited in number, so this ends after a few rounds), reaping as they die."""
    for _ in range(2000):
        others = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, spare)]
        for pid in others:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                pid = 0
            if pid == 0:
                break
        if not others:
            return
        time.sleep(0.0005)


def _initial_root() -> bool:
    """Root of the machine itself (not 'root' inside a user namespace, where every process of the
    instructor's account could signal a waiting child)."""
    try:
        with open("/proc/self/uid_map") as f:
            return os.getuid() == 0 and f.read().split() == ["0", "0", "4294967295"]
    except OSError:
        return False


def why_no_answers(code: int, size: int) -> str:
    """A plain reason a child (exit status ``code``, ``size`` bytes sent) sent back no readable answers."""
    if size > RESULT_LIMIT:
        return "the notebook sent back more output than the grader reads"
    if code == -signal.SIGSEGV:
        return "the notebook crashed Python (segmentation fault)"
    if code == -signal.SIGKILL or code == 247:
        return "the notebook was stopped: it used too much memory or started too many processes"
    if code == -signal.SIGXCPU or code == 256 - signal.SIGXCPU:
        return "the notebook used more CPU time than the limit"
    if code in (0, 70):
        return "the notebook ended the Python process itself (for example with os._exit) before its answers were read"
    return f"the notebook stopped Python (exit status {code})"


class Zygote:
    """The worker's side of the control socket: forks children, waits for them, never sees a job."""

    def __init__(self, control: socket.socket, shell, sandboxed: bool):
        self.control, self.shell, self.sandboxed = control, shell, sandboxed
        self.buffer = b""
        self.spare = None  # a child forked ahead, waiting on its socket for a job the grader has not sent
        self.scratch_root = None
        # Forking the next child while one runs takes the fork off each submission's time. Only as the
        # machine's root in the sandbox: there the running submission ('nobody') cannot signal the waiting
        # child (root); in a user namespace it could (same account), so there each child is forked on demand.
        self.ahead = sandboxed and os.getpid() == 1 and _initial_root()

    def send(self, message: dict, fd: int | None = None) -> None:
        data = (json.dumps(message) + "\n").encode()
        if fd is None:
            self.control.sendall(data)
        else:
            socket.send_fds(self.control, [data], [fd])

    def receive(self) -> dict | None:
        while b"\n" not in self.buffer:
            chunk = self.control.recv(1 << 16)
            if not chunk:
                return None
            self.buffer += chunk
            if len(self.buffer) > CONTROL_LIMIT:
                return None
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def fork(self) -> None:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        worker_is_init = os.getpid() == 1
        pid = os.fork()
        if pid == 0:
            _child(theirs.detach(), self.shell, worker_is_init, self.sandboxed, self.scratch_root)
        theirs.close()
        self.spare = pid
        self.send({"child": pid}, mine.fileno())
        mine.close()

    def run(self, pid: int, timeout: float) -> None:
        """Wait for the child (started on its job by the grader) with a deadline, then end all it left."""
        if pid != self.spare:
            raise ValueError("no such child")
        started = time.monotonic()
        self.spare = None
        if self.ahead:
            self.fork()  # the next submission's child, while this one runs
        deadline = time.monotonic() + float(timeout) + GRACE_SECONDS  # the child stops itself first
        timed_out, status = False, None
        try:
            pidfd = os.pidfd_open(pid)
        except OSError:
            pidfd = None
        while status is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            if pidfd is not None:
                select.select([pidfd], [], [], remaining)
            else:
                time.sleep(min(remaining, 0.01))
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = raw
        if pidfd is not None:
            os.close(pidfd)
        _kill_session(pid)  # whatever the submission left running goes with it
        if status is None:
            _, status = os.waitpid(pid, 0)
        _sweep(self.spare)
        if self.scratch_root:
            self.clean_scratch()
        self.send({"done": pid, "exit": os.waitstatus_to_exitcode(status), "timed_out": timed_out,
                   "seconds": round(time.monotonic() - started, 3)})

    def clean_scratch(self) -> None:
        """Outside the sandbox: remove what the child left in this worker's scratch folder (never following a link)."""
        for name in os.listdir(self.scratch_root):
            path = os.path.join(self.scratch_root, name)
            try:
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    os.unlink(path)
            except OSError:
                pass

    def serve(self) -> None:
        while True:
            message = self.receive()
            if message is None:
                return
            if "warm" in message:
                started = time.monotonic()
                _warm_with(message["warm"], self.shell)
                self.send({"warmed": True, "seconds": round(time.monotonic() - started, 3)})
            elif "fork" in message:
                if message.get("scratch_root"):
                    self.scratch_root = message["scratch_root"]
                if self.spare is not None:  # the grader lost it: it may never run
                    _kill_session(self.spare)
                    os.waitpid(self.spare, 0)
                self.fork()
            elif "run" in message:
                self.run(message["run"]["pid"], message["run"].get("timeout", 20))


def main() -> None:
    os.environ.setdefault("ALLIANCEKIT_GRADING", "1")
    # a submission in a user namespace runs as the worker's own uid: it may send signals, which PID 1 ignores
    # unless it handles them; Python handles SIGINT, so it is ignored here
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # forking after a threaded library has started its pool is unsafe
    if os.environ.get("ALLIANCEKIT_CPU"):
        try:
            os.sched_setaffinity(0, {int(os.environ["ALLIANCEKIT_CPU"])})
        except (AttributeError, OSError, ValueError):
            pass  # a speed-up only
    control = socket.socket(fileno=int(os.environ["ALLIANCEKIT_CONTROL_FD"]))
    sys.stdin = open(os.devnull)
    _warm_up()
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance(colors="NoColor")
    gc.collect()
    gc.freeze()  # children's garbage collections then skip everything preloaded (fewer copied pages)
    zygote = Zygote(control, shell, sandboxed=os.environ.get("ALLIANCEKIT_SANDBOX") == "1")
    zygote.send({"ready": True, "pid": os.getpid(), "uid": os.getuid()})
    zygote.serve()


if __name__ == "__main__":
    main()
