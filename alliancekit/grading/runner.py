"""Running submissions: a pool of preloaded workers (see :mod:`.worker`), each fed one job at a time."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from . import sandbox

READY_TIMEOUT = 180


class WorkerError(RuntimeError):
    pass


class Worker:
    """One worker process; restarted transparently if it dies."""

    def __init__(self, runtime: Path, isolated: bool, home: Path, wait: bool = True):
        self.runtime, self.isolated, self.home = runtime, isolated, home
        self.process = None
        self.log = None
        self._spawn()
        if wait:
            self.wait_until_ready()

    def _start(self) -> None:
        self._spawn()
        self.wait_until_ready()

    def _spawn(self) -> None:
        mount = Path(tempfile.mkdtemp(prefix="mnt-", dir=self.home))
        if self.isolated:
            cmd, env = sandbox.command(self.runtime, mount)
        else:
            cmd, env = sandbox.plain_command(self.runtime)
        self.log = open(self.home / f"worker-{mount.name}.log", "w")
        self.process = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.log, text=True, bufsize=1, start_new_session=True)

    def wait_until_ready(self) -> None:
        line = self._read_line(READY_TIMEOUT)
        if not line or not json.loads(line).get("ready"):
            self.stop()
            raise WorkerError("the grading worker did not start: " + (self.home / self.log.name).read_text()[-2000:])

    def _read_line(self, timeout: float) -> str | None:
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            return None
        return self.process.stdout.readline() or None

    def run(self, job: dict) -> dict:
        try:
            self.process.stdin.write(json.dumps(job) + "\n")
            self.process.stdin.flush()
            line = self._read_line(float(job["timeout"]) + 60)
        except (BrokenPipeError, OSError, ValueError):
            line = None
        if line is None:
            self.stop()
            self._start()
            return {"id": job["id"], "status": "crashed", "detail": "the grading worker stopped; it was restarted"}
        return json.loads(line)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, 9)
            except OSError:
                pass
            self.process.wait()
        if self.log:
            self.log.close()


class Pool:
    """``jobs`` workers sharing one runtime copy of the kit."""

    def __init__(self, jobs: int, isolated: bool):
        self.home = Path(tempfile.mkdtemp(prefix="alliancekit-grade-"))
        os.chmod(self.home, 0o711)  # traversable, not listable: the runtime copy holds no answers
        self.runtime = sandbox.build_runtime(self.home / "runtime")
        self.isolated = isolated
        # start every worker first, then wait for each: their warm-ups overlap
        self.workers = [Worker(self.runtime, isolated, self.home, wait=False) for _ in range(max(1, jobs))]
        for worker in self.workers:
            worker.wait_until_ready()
        self._free = list(self.workers)
        self._lock = threading.Condition()

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

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
