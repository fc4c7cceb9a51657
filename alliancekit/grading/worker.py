"""The grading worker: one preloaded interpreter that runs each submission in a forked, limited child.

Started by :mod:`alliancekit.grading.runner`, usually inside the sandbox of :mod:`.sandbox`. It reads
one JSON job per line on stdin and answers one JSON result per line on stdout. For each job it forks:

- the child starts a session, drops to an unprivileged user when it is root, sets limits on memory,
  CPU time, processes and file size, works in a scratch folder, runs the code cells (as IPython would),
  and writes the answers back **as plain data** (never objects) through a pipe of its own;
- the worker waits with a deadline, interrupts the running cell at the time limit, kills the child's
  session, and then makes sure nothing of the submission is left: in the sandbox the worker is PID 1 of
  its namespace and ends every other process there (see ``_sweep``); elsewhere each child has a PID
  namespace of its own where the system allows it. The scratch folder is deleted.

Before the first job the worker imports what submissions use and runs the exercise as handed out (the
instructor's blank copy) once, so each fork starts warm: a submission then costs about 20 ms.

Nothing here judges an answer: that happens in the trusted grading process, on plain data.
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
import sys
import time

NOBODY = 65534
CLONE_NEWPID = 0x20000000
RESULT_LIMIT = 8 * 1024 * 1024  # bytes of JSON a child may send back
GRACE_SECONDS = 3.0  # after the time limit, for the interrupted child to send back the answers it has


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
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = open(os.devnull)  # stdin carries the jobs: nothing here may read it
    sys.stdout = sys.stderr = open(os.devnull, "w")
    try:
        for code in cells:
            try:
                exec(_compile_cell(code, "<warm-up>", shell), namespace)
            except BaseException:
                pass
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    namespace.clear()
    gc.collect()
    gc.freeze()  # children's collections then skip the preloaded objects (fewer copied pages)


def _unshare_pid() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(CLONE_NEWPID) == 0
    except Exception:
        return False


def _die_with_parent() -> None:
    """If the session leader is killed (timeout), PID 1 of the namespace dies too, and with it everything."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _limit(job: dict) -> None:
    memory = int(job.get("memory_mb", 1024)) * 1024 * 1024
    current = _address_space()
    resource.setrlimit(resource.RLIMIT_AS, (current + memory, current + memory))
    cpu = int(job.get("timeout", 20) + GRACE_SECONDS) + 2  # the wall-clock deadline comes first
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_FSIZE, (50 * 1024 * 1024, 50 * 1024 * 1024))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
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


def _drop_privileges() -> None:
    """As root, become 'nobody', so the process limit binds and nothing root-owned is writable."""
    if os.getuid() == 0:
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        except OSError:
            pass


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


def _child(job: dict, write_fd: int, shell, worker_is_init: bool) -> None:
    """Runs in the forked child: never returns."""
    code = 0
    try:
        os.setsid()
        # Everything a submission starts must end with it. In the sandbox the worker is PID 1 of its own PID
        # namespace and sweeps the namespace after each submission (see _sweep); elsewhere the child puts
        # itself in a PID namespace of its own where it can.
        if not worker_is_init and _unshare_pid():
            # the next fork is PID 1 of a fresh namespace: when it ends, everything it started ends too
            pid = os.fork()
            if pid == 0:
                _die_with_parent()
            else:
                os.close(write_fd)
                _, status = os.waitpid(pid, 0)
                os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
        scratch = job["scratch"]
        os.makedirs(scratch, exist_ok=True)
        os.chmod(scratch, 0o777)
        if job.get("drop_privileges", True):
            _drop_privileges()
        _limit(job)
        os.chdir(scratch)
        os.environ["HOME"] = scratch
        os.environ["ALLIANCEKIT_VARIANTS"] = json.dumps(job.get("variants", {}))
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        sys.stdout = sys.stderr = open(os.devnull, "w")
        # no reset: the worker's shell never runs student code, and everything a child defines dies with it
        outcome = _run_cells(job, shell)
        payload = json.dumps(outcome).encode()[:RESULT_LIMIT]
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
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


def _sweep() -> None:
    """As PID 1 of the sandbox's namespace, end every process left in it (the submission's descendants,
    even those that left its session) and reap them, so the next submission starts alone."""
    if os.getpid() != 1:
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


def _why_no_answers(status: int, size: int) -> str:
    """A plain reason a child sent back no readable answers."""
    code = os.waitstatus_to_exitcode(status)
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


def run_job(job: dict, shell) -> dict:
    read_fd, write_fd = os.pipe()
    started = time.monotonic()
    worker_is_init = os.getpid() == 1
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(job, write_fd, shell, worker_is_init)
    os.close(write_fd)
    deadline = started + float(job.get("timeout", 20)) + GRACE_SECONDS  # the child stops itself first
    chunks, size, status, timed_out = [], 0, None, False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([read_fd], [], [], min(remaining, 0.5))
        if ready:
            chunk = os.read(read_fd, 65536)
            if chunk:
                size += len(chunk)
                if size <= RESULT_LIMIT:
                    chunks.append(chunk)
                continue
            break  # EOF: the child closed its end
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    _kill_session(pid)  # whatever the submission left running goes with it
    if status is None:
        _, status = os.waitpid(pid, 0)
    _sweep()
    shutil.rmtree(job["scratch"], ignore_errors=True)  # the next submission finds nothing of this one
    os.close(read_fd)
    seconds = round(time.monotonic() - started, 3)
    if timed_out:
        return {"id": job["id"], "status": "timeout", "seconds": seconds}
    try:
        outcome = json.loads(b"".join(chunks).decode())
    except (ValueError, UnicodeDecodeError):
        return {"id": job["id"], "status": "crashed", "detail": _why_no_answers(status, size), "seconds": seconds}
    return {"id": job["id"], "status": "ran", "seconds": seconds, **outcome}


def main() -> None:
    os.environ.setdefault("ALLIANCEKIT_GRADING", "1")
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # forking after a threaded library has started its pool is unsafe
    if os.environ.get("ALLIANCEKIT_CPU"):
        try:
            os.sched_setaffinity(0, {int(os.environ["ALLIANCEKIT_CPU"])})
        except (AttributeError, OSError, ValueError):
            pass  # a speed-up only
    _warm_up()
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance(colors="NoColor")
    gc.collect()
    gc.freeze()  # children's garbage collections then skip everything preloaded (fewer copied pages)
    out = sys.stdout
    out.write(json.dumps({"ready": True, "pid": os.getpid(), "uid": os.getuid()}) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        if "warm" in job:
            started = time.monotonic()
            _warm_with(job["warm"], shell)
            out.write(json.dumps({"warmed": True, "seconds": round(time.monotonic() - started, 3)}) + "\n")
            out.flush()
            continue
        try:
            result = run_job(job, shell)
        except Exception as exc:  # the worker itself must survive any one submission
            result = {"id": job.get("id"), "status": "crashed", "detail": f"worker: {type(exc).__name__}: {exc}"}
        out.write(json.dumps(result) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
