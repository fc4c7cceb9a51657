"""Running submissions: a pool of preloaded workers (see :mod:`.worker`), each fed one job at a time."""

from __future__ import annotations

import collections
import json
import os
import queue
import select
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from . import sandbox

READY_TIMEOUT = 180
AHEAD = 2  # jobs sent to a worker before its first result is back


class WorkerError(RuntimeError):
    pass


class Worker:
    """One worker process; restarted transparently if it dies."""

    def __init__(self, runtime: Path, isolated: bool, home: Path, wait: bool = True,
                 warm_cells: list[str] | None = None, cpu: int | None = None):
        self.runtime, self.isolated, self.home, self.cpu = runtime, isolated, home, cpu
        self.warm_cells = warm_cells
        self.warming = False
        self.process = None
        self.log = None
        self._spawn()
        if wait:
            self.wait_until_ready()
            self.wait_until_warm()

    def _start(self) -> None:
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
        self.log = open(self.home / f"worker-{mount.name}.log", "w")
        self.process = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.log, bufsize=0, start_new_session=True)
        self._buffer = b""

    def wait_until_ready(self) -> None:
        line = self._read_line(READY_TIMEOUT)
        if not line or not json.loads(line).get("ready"):
            self.stop()
            raise WorkerError("the grading worker did not start: " + (self.home / self.log.name).read_text()[-2000:])
        if self.warm_cells is not None:
            self._write({"warm": self.warm_cells})
            self.warming = True

    def wait_until_warm(self) -> None:
        """The warm-up's answer (sent by wait_until_ready); a failed warm-up only costs speed."""
        if self.warming:
            self.warming = False
            if self._read_line(READY_TIMEOUT) is None:
                self.warm_cells = None  # the worker died warming up: start it again, cold
                self.stop()
                self._start()

    def _write(self, message: dict) -> None:
        self.process.stdin.write((json.dumps(message) + "\n").encode())

    def _read_line(self, timeout: float) -> str | None:
        """The worker's next line, or None if it sends none within ``timeout`` seconds or has ended."""
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def send(self, job: dict) -> bool:
        try:
            self._write(job)
            return True
        except (BrokenPipeError, OSError, ValueError):
            return False

    def receive(self, job: dict) -> dict | None:
        """The result of the oldest job sent, or None if the worker stopped (it is then restarted)."""
        line = self._read_line(float(job["timeout"]) + 60)
        if line is None:
            self.stop()
            self._start()
            return None
        return json.loads(line)

    def run(self, job: dict) -> dict:
        result = self.receive(job) if self.send(job) else None
        if result is None:
            if self.process.poll() is not None:
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
        if self.log:
            self.log.close()


def _usable_cpus() -> list[int]:
    try:
        return sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return []


def _worker_stopped(job: dict) -> dict:
    return {"id": job["id"], "status": "crashed", "detail": "the grading worker stopped; it was restarted"}


class Pool:
    """``jobs`` workers sharing one runtime copy of the kit."""

    def __init__(self, jobs: int, isolated: bool, warm_cells: list[str] | None = (), wait: bool = True):
        self.home = Path(tempfile.mkdtemp(prefix="alliancekit-grade-"))
        os.chmod(self.home, 0o711)  # traversable, not listable: the runtime copy holds no answers
        self.runtime = sandbox.build_runtime(self.home / "runtime")
        self.isolated = isolated
        # start every worker first, then wait for each: their warm-ups overlap
        warm_cells = None if warm_cells is None else list(warm_cells)  # [] still preloads every table
        cpus = _usable_cpus()
        # one core per worker where there are enough: a worker's children then find its pages in that core's caches
        self.workers = [Worker(self.runtime, isolated, self.home, wait=False, warm_cells=warm_cells,
                               cpu=cpus[i] if len(cpus) >= jobs else None)
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
        """Run every job; yields (job, result) as results arrive. Each worker is sent the next job while it
        runs one (``AHEAD``), so it never idles waiting for the grader between two submissions; it still
        runs one submission at a time."""
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
                    done.put((job, {"id": job["id"], "status": "crashed", "detail": f"grading worker: {exc}"}))

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
                        done.put((job, {"id": job["id"], "status": "crashed", "detail": "no grading worker left"}))
                    except queue.Empty:
                        pass
        for thread in threads:
            thread.join()

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
