"""Running submissions: a pool of preloaded workers (see :mod:`.worker`), each running one submission at a time.

The grader and a worker share only a control socket (small messages, no student data). For each job the
worker forks a child and hands the grader one end of that child's own socket pair; the grader writes the
job there and reads the answers back from there. Every read and write is bounded in size and in time, and
reading and writing never wait on each other, so no message, however large, can hang the grader or a worker.
"""

from __future__ import annotations

import collections
import json
import os
import queue
import secrets
import select
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from . import sandbox
from .worker import CONTROL_LIMIT, GRACE_SECONDS, JOB_LIMIT, RESULT_LIMIT, SANDBOX_FAILED, why_no_answers

READY_TIMEOUT = 180
FORK_TIMEOUT = 30
AHEAD = 1  # one job at a time per worker: its child is forked only when its job is about to be written
GRADER_ERROR = "grader error"  # a status that says the failure was on the grader's side: graded again next run


class WorkerError(RuntimeError):
    pass


class Worker:
    """One worker process; restarted transparently if it dies (unless the pool is closing)."""

    def __init__(self, runtime: Path, isolated: bool, home: Path, wait: bool = True,
                 warm_cells: list[str] | None = None, cpu: int | None = None,
                 closing: threading.Event | None = None):
        self.runtime, self.isolated, self.home, self.cpu = runtime, isolated, home, cpu
        self.warm_cells = warm_cells
        self.closing = closing or threading.Event()
        self.warming = False
        self.process = None
        self.control = None
        self.log = None
        self.channel = None  # the running child's socket (grader's end)
        self.result = None  # (bytes received, size) from the running child
        self._spawn()
        if wait:
            self.wait_until_ready()
            self.wait_until_warm()

    def _start(self) -> None:
        if self.closing.is_set():
            raise WorkerError("grading was stopped")
        self._spawn()
        self.wait_until_ready()
        self.wait_until_warm()

    def _spawn(self) -> None:
        mount = Path(tempfile.mkdtemp(prefix="mnt-", dir=self.home))
        if self.isolated:
            cmd, env = sandbox.command(self.runtime, mount)
        else:
            cmd, env = sandbox.plain_command(self.runtime)
        if self.cpu is not None:
            env = dict(env, ALLIANCEKIT_CPU=str(self.cpu))
        self.scratch = None
        if not self.isolated:  # see worker._make_scratch: each worker cleans only its own
            self.scratch = self.home / "scratch" / mount.name
            self.scratch.mkdir()
            os.chmod(self.scratch, 0o1777)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        env = dict(env, ALLIANCEKIT_CONTROL_FD=str(theirs.fileno()), ALLIANCEKIT_POOL=str(self.home))
        self.log = open(self.home / f"worker-{mount.name}.log", "w")
        # nothing on the worker's standard input: the only channel it has is the control socket
        self.process = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                        pass_fds=(theirs.fileno(),), start_new_session=True)
        theirs.close()
        self.control = ours
        self._buffer = b""
        self._fds: collections.deque[int] = collections.deque()
        self._spare = None  # (pid, socket) of a child the worker forked ahead, waiting for a job

    def wait_until_ready(self) -> None:
        message = self._read_message(READY_TIMEOUT)
        if not message or not message.get("ready"):
            self.stop()
            raise WorkerError("the grading worker did not start: " + (self.home / self.log.name).read_text()[-2000:])
        if self.warm_cells is not None:
            self._write({"warm": self.warm_cells})
            self.warming = True

    def wait_until_warm(self) -> None:
        """The warm-up's answer (sent by wait_until_ready); a failed warm-up only costs speed."""
        if self.warming:
            self.warming = False
            if self._read_message(READY_TIMEOUT) is None:
                self.warm_cells = None  # the worker died warming up: start it again, cold
                self.stop()
                self._start()

    def _write(self, message: dict) -> None:
        self.control.settimeout(FORK_TIMEOUT)
        self.control.sendall((json.dumps(message) + "\n").encode())

    def _read_message(self, timeout: float) -> dict | None:
        """The worker's next control message, or None if none comes within ``timeout`` seconds, the worker
        has ended, or it sends more than a control message may hold."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.control], [], [], remaining)[0]:
                return None
            try:
                data, ancillary, _, _ = self.control.recvmsg(1 << 16, socket.CMSG_SPACE(4 * 16))
            except OSError:
                return None
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                    usable = len(payload) - len(payload) % 4
                    self._fds.extend(int.from_bytes(payload[i:i + 4], "little", signed=True)
                                     for i in range(0, usable, 4))
            if not data:
                return None
            self._buffer += data
            if len(self._buffer) > CONTROL_LIMIT:
                return None
        line, self._buffer = self._buffer.split(b"\n", 1)
        try:
            message = json.loads(line)
        except ValueError:
            return None
        return message if isinstance(message, dict) else None

    def send(self, job: dict) -> bool:
        """Start ``job``: a fresh child is forked, the job is written on its own socket and it is let run.
        False if the worker is not there to take it."""
        job = dict(job, nonce=secrets.token_hex(16))
        self.job = job
        try:
            if self._spare is None:
                self._write({"fork": True, "scratch_root": None if self.scratch is None else str(self.scratch)})
                if not self._take_child(self._read_message(FORK_TIMEOUT)):
                    return False
            (pid, channel), self._spare = self._spare, None
            payload = json.dumps(job).encode()
            if len(payload) > JOB_LIMIT:
                payload = json.dumps(dict(job, cells=[])).encode()  # cannot happen for a readable submission
            channel.settimeout(FORK_TIMEOUT)
            channel.sendall(payload)
            channel.shutdown(socket.SHUT_WR)
            channel.setblocking(False)
            self.channel, self.result = channel, ([], 0)
            self._write({"run": {"pid": pid, "timeout": float(job["timeout"])}})
            return True
        except (OSError, ValueError, AttributeError, TypeError):
            return False

    def _take_child(self, message: dict | None) -> bool:
        """Keep the child a "child" message announces (its socket came with the message)."""
        if not message or not isinstance(message.get("child"), int) or not self._fds:
            return False
        if self._spare is not None:
            self._spare[1].close()
        self._spare = (message["child"], socket.socket(fileno=self._fds.popleft()))
        return True

    def _take(self) -> bool:
        """Read what the running child sent so far, without waiting; False once it has closed its end."""
        chunks, size = self.result
        while True:
            try:
                chunk = self.channel.recv(1 << 16)
            except (BlockingIOError, InterruptedError):
                return True
            except OSError:
                return False
            if not chunk:
                return False
            size += len(chunk)
            if size <= RESULT_LIMIT + 1:
                chunks.append(chunk)
            self.result = (chunks, size)
            if size > RESULT_LIMIT:  # more than is read: the child's writes now fail, so it ends at once
                try:
                    self.channel.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return False

    def receive(self, job: dict) -> dict | None:
        """The result of the job sent, or None if the worker stopped (it is then restarted)."""
        deadline = time.monotonic() + float(job["timeout"]) + GRACE_SECONDS + 30
        done, open_ = None, True
        try:
            while done is None:
                watch = [self.control] + ([self.channel] if open_ else [])
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                ready = select.select(watch, [], [], 0 if b"\n" in self._buffer else remaining)[0]
                if open_ and self.channel in ready:
                    open_ = self._take()
                if self.control in ready or b"\n" in self._buffer:
                    done = self._read_message(0.0 if b"\n" in self._buffer else remaining)
                    if done is None:
                        break
                    if "done" not in done:
                        self._take_child(done)  # the next submission's child, forked while this one runs
                        done = None
            if done is not None and open_:
                self._take()  # the child has ended and been swept: what it sent is all there
        finally:
            self.channel.close()
            self.channel = None
        if done is None:
            if not self.closing.is_set():
                self.stop()
                self._start()
            return None
        return self._outcome(job, done)

    def _outcome(self, job: dict, done: dict) -> dict:
        chunks, size = self.result
        self.result = None
        seconds = done.get("seconds")
        code = done.get("exit")
        if done.get("timed_out"):
            return {"id": job["id"], "status": "timeout", "seconds": seconds}
        if code == SANDBOX_FAILED and size == 0:
            return {"id": job["id"], "status": GRADER_ERROR, "seconds": seconds,
                    "detail": "the sandbox for this submission could not be set up; it will be graded again"}
        if size > RESULT_LIMIT:
            return {"id": job["id"], "status": "crashed", "seconds": seconds, "detail": why_no_answers(code, size)}
        try:
            outcome = json.loads(b"".join(chunks).decode())
        except (ValueError, UnicodeDecodeError, RecursionError):
            return {"id": job["id"], "status": "crashed", "detail": why_no_answers(code, size), "seconds": seconds}
        if not isinstance(outcome, dict) or outcome.get("id") != job["id"] or outcome.get("nonce") != self.job["nonce"]:
            return {"id": job["id"], "status": "malformed", "seconds": seconds,
                    "detail": "what the notebook sent back does not belong to this submission"}
        outcome = {k: v for k, v in outcome.items() if k not in ("id", "nonce", "status", "seconds")}
        return {**outcome, "id": job["id"], "status": "ran", "seconds": seconds}

    def run(self, job: dict) -> dict:
        result = self.receive(job) if self.send(job) else None
        if result is None:
            if self.process.poll() is not None and not self.closing.is_set():
                self.stop()
                self._start()
            return _worker_stopped(job)
        return result

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, 9)
            except OSError:
                pass
            self.process.wait()
        if self.control:
            self.control.close()
        if getattr(self, "_spare", None):
            self._spare[1].close()
            self._spare = None
        while getattr(self, "_fds", None):
            os.close(self._fds.popleft())
        if self.log:
            self.log.close()


def _usable_cpus() -> list[int]:
    try:
        return sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return []


def _worker_stopped(job: dict) -> dict:
    return {"id": job["id"], "status": GRADER_ERROR,
            "detail": "the grading worker stopped; it was restarted and this submission will be graded again"}


class Pool:
    """``jobs`` workers sharing one runtime copy of the kit."""

    def __init__(self, jobs: int, isolated: bool, warm_cells: list[str] | None = (), wait: bool = True):
        self.home = Path(tempfile.mkdtemp(prefix="alliancekit-grade-"))
        os.chmod(self.home, 0o711)  # traversable, not listable: the runtime copy holds no answers
        self.runtime = sandbox.build_runtime(self.home / "runtime")
        self.isolated = isolated
        self.closing = threading.Event()  # set by close(): no worker is started again after it
        if not isolated:  # where unprivileged children make their working folders: one folder per worker
            (self.home / "scratch").mkdir(mode=0o755)
        # start every worker first, then wait for each: their warm-ups overlap
        warm_cells = None if warm_cells is None else list(warm_cells)  # [] still preloads every table
        cpus = _usable_cpus()
        # one core per worker where there are enough: a worker's children then find its pages in that core's caches
        self.workers = [Worker(self.runtime, isolated, self.home, wait=False, warm_cells=warm_cells,
                               cpu=cpus[i] if len(cpus) >= jobs else None, closing=self.closing)
                        for i in range(max(1, jobs))]
        self._free = list(self.workers)
        self._lock = threading.Condition()
        self._ready = False
        if wait:
            self.wait_until_ready()

    def wait_until_ready(self) -> None:
        """Blocks until every worker has started and warmed up (they do so side by side)."""
        if self._ready:
            return
        try:
            for worker in self.workers:
                worker.wait_until_ready()
            for worker in self.workers:
                worker.wait_until_warm()
        except BaseException:
            self.close()
            raise
        self._ready = True

    def run(self, job: dict) -> dict:
        with self._lock:
            while not self._free:
                self._lock.wait()
            worker = self._free.pop()
        try:
            return worker.run(job)
        finally:
            with self._lock:
                self._free.append(worker)
                self._lock.notify()

    def run_all(self, jobs):
        """Run every job; yields (job, result) as results arrive. Each worker runs one submission at a time
        (``AHEAD``); its thread does the reading and writing, so the grader judges while the workers run."""
        jobs = list(jobs)
        todo, done = queue.Queue(), queue.Queue()
        for job in jobs:
            todo.put(job)

        def drive(worker: Worker) -> None:
            pending = collections.deque()
            try:
                while True:
                    while len(pending) < AHEAD:
                        try:
                            job = todo.get_nowait()
                        except queue.Empty:
                            break
                        if not worker.send(job):
                            if pending:  # it ended while running pending[0]: receive() below says so
                                todo.put(job)
                                break
                            worker.stop()  # it ended between two submissions: start it again
                            worker._start()
                            if not worker.send(job):
                                raise WorkerError("the grading worker could not be restarted")
                        pending.append(job)
                    if not pending:
                        return
                    job = pending.popleft()
                    result = worker.receive(job)
                    if result is None:  # the worker died on this job: it was restarted, the jobs after go again
                        done.put((job, _worker_stopped(job)))
                        for waiting in pending:
                            todo.put(waiting)
                        pending.clear()
                    else:
                        done.put((job, result))
            except Exception as exc:  # the worker could not be restarted: say so for its jobs, never hang
                for job in pending:
                    done.put((job, {"id": job["id"], "status": GRADER_ERROR, "detail": f"grading worker: {exc}"}))

        threads = [threading.Thread(target=drive, args=(worker,), daemon=True) for worker in self.workers]
        for thread in threads:
            thread.start()
        for _ in jobs:
            while True:
                try:
                    yield done.get(timeout=1)
                    break
                except queue.Empty:
                    if any(thread.is_alive() for thread in threads):
                        continue
                    try:  # every worker is gone: what is left cannot run
                        job = todo.get_nowait()
                        done.put((job, {"id": job["id"], "status": GRADER_ERROR, "detail": "no grading worker left"}))
                    except queue.Empty:
                        pass
        for thread in threads:
            thread.join()

    def close(self) -> None:
        """Stop every worker (and so every submission's process) and remove the runtime folder. Safe to call
        while the workers' threads are still running: none of them starts a worker again after this."""
        self.closing.set()
        for worker in getattr(self, "workers", []):
            worker.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
