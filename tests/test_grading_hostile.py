"""Grades that hold: submissions written by a student who has read the kit's source, each trying to take or
spoil another student's grade, graded in one batch beside honest submissions.

Every attacker below starts from a blank notebook and appends code that, if its attack worked, would give
it marks (by running another student's cells, reading their answers, reading what an earlier submission
planted, or reaching something on the host). So for each class of attack: the honest students keep full
marks, the attacker scores no more than a blank notebook, the batch has one row per file, and nothing is
left on the host (files, processes, IPC objects, sockets).

The batch runs once as root and, where the machine allows it, once more as an unprivileged user (created
for the test when the test runs as root), graded through user namespaces with the same attacks.
``--jobs 1`` makes every submission follow the one before it on the same worker, which is what the
attacks on shared state need.
"""

from __future__ import annotations

import csv
import os
import pwd
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from alliancekit import cli
from alliancekit.grading import judge, sandbox

from .conftest import REPO
from .test_grading import AUTO_POINTS, EXERCISE, RIGHT, SEARCH_FOR_ANSWERS, make_submission, rows_of, tree_digest

TAG = "akh" + secrets.token_hex(4)  # names everything this module creates, so leftovers can be found
HOST_TMP = Path(tempfile.gettempdir())  # where the batches are built: a folder every user can enter
SHM_KEY = 0x414B0000 + secrets.randbelow(0xFFFF)  # the System V key the attackers use
FULL = AUTO_POINTS  # an honest submission's score: every auto-graded point (the written answer waits for the rubric)

# What an attacker runs if it gets hold of it: the right answers (they use the notebook's own tables)
RIGHT_CODE = "\n".join(code for qid, code in RIGHT.items() if qid != "q6")

TAKE = r'''
import json as _json
def _take(texts, me):
    """Run another student's job's cells, or adopt another student's answers, from whatever was found."""
    decoder, gained = _json.JSONDecoder(), False
    for text in texts:
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode("utf-8", "ignore")
        for marker in ('{"id": ', '"answers": '):
            i = text.find(marker)
            while i != -1:
                start = i if marker.startswith("{") else i + len(marker)
                try:
                    found, _ = decoder.raw_decode(text, start)
                except ValueError:
                    found = None
                if isinstance(found, dict) and isinstance(found.get("cells"), list) and found.get("id") != me:
                    for cell in found["cells"]:
                        if not str(cell).startswith("STUDENT_ID"):
                            try:
                                exec(cell, globals())
                            except BaseException:
                                pass
                    gained = True
                elif isinstance(found, dict) and marker.startswith('"answers"'):
                    for name, plain in found.items():
                        if isinstance(plain, dict) and plain.get("kind") in ("number", "text"):
                            globals()[name] = plain["value"]
                            gained = True
                i = text.find(marker, i + 1)
    return gained
'''

# 1. The job channel: standard input, every inherited descriptor, and the calling frames
STEALS_JOBS = TAKE + r'''
import os, select, sys
texts = []
try:
    texts.append(sys.stdin.read())
except Exception:
    pass
for fd in range(0, 256):
    try:
        os.fstat(fd)
        if select.select([fd], [], [], 0.3)[0]:
            texts.append(os.read(fd, 1 << 24))
    except Exception:
        pass
frame = sys._getframe()
while frame is not None:
    for value in list(frame.f_locals.values()):
        try:
            texts.append(_json.dumps(value))
        except Exception:
            pass
    frame = frame.f_back
_take(texts, STUDENT_ID)
'''

# 2. Memory: every object the collector knows, then every writable page of the process
READS_MEMORY = TAKE + r'''
import ctypes, gc
texts = []
for obj in gc.get_objects():
    if isinstance(obj, dict) and ("cells" in obj or "answers" in obj):
        try:
            texts.append(_json.dumps(obj))
        except Exception:
            pass
ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE: so this process may read its own /proc/self/mem
try:
    mem = open("/proc/self/mem", "rb", 0)
    for line in open("/proc/self/maps").read().splitlines():
        span, perms = line.split()[:2]
        start, end = (int(x, 16) for x in span.split("-"))
        if not perms.startswith("rw") or end - start > (512 << 20):
            continue
        try:
            mem.seek(start)
            chunk = mem.read(end - start)
        except (OSError, OverflowError, ValueError):
            continue
        for marker in (b'{"id": ', b'"answers": '):
            i, hits = chunk.find(marker), 0
            while i != -1 and hits < 200:
                texts.append(chunk[i:i + 400_000])
                i, hits = chunk.find(marker, i + 1), hits + 1
except OSError:
    pass
_take(texts, STUDENT_ID)
'''

# 3. Scratch space: links under the names the next students' folders would get, answers left in /tmp
PLANTS_LINKS = r'''
import os
for victim in VICTIMS:
    for folder in ("/tmp", os.path.dirname(os.getcwd())):
        for target in ("/etc", "/kit", "/"):
            try:
                os.symlink(target, os.path.join(folder, "submission-" + victim))
                break
            except OSError:
                pass
for folder in ("/tmp", os.path.dirname(os.getcwd()), os.getcwd()):
    try:
        with open(os.path.join(folder, "TAG_answers.py"), "w") as f:
            f.write(RIGHT_CODE)
        os.chmod(os.path.join(folder, "TAG_answers.py"), 0o666)
    except OSError:
        pass
'''

USES_PLANTED = r'''
import ctypes, glob, os
found = []
for pattern in ("/tmp/**/TAG_answers.py", os.path.dirname(os.getcwd()) + "/**/TAG_answers.py", "/dev/shm/*"):
    found += glob.glob(pattern, recursive=True)
for path in found:
    try:
        exec(open(path).read(), globals())
    except BaseException:
        pass
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
shmid = libc.shmget(SHM_KEY, 0, 0)
if shmid >= 0:
    address = libc.shmat(shmid, None, 0)
    if address not in (None, ctypes.c_void_p(-1).value):
        try:
            exec(ctypes.string_at(address).decode(), globals())
        except BaseException:
            pass
'''

# 4. /dev and IPC: files in /dev/shm, a System V segment left for the next student, the host's sockets
DEV_SHM_IPC = r'''
import ctypes, socket
try:
    with open("/dev/shm/TAG_answers", "w") as f:
        f.write(RIGHT_CODE)
except OSError:
    pass
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
shmid = libc.shmget(SHM_KEY, 1 << 16, 0o1666)  # IPC_CREAT, readable by anyone
if shmid >= 0:
    address = libc.shmat(shmid, None, 0)
    if address not in (None, ctypes.c_void_p(-1).value):
        data = RIGHT_CODE.encode() + b"\0"
        ctypes.memmove(address, data, len(data))
for address in ("/dev/shm/TAG.sock", "\0TAG"):
    try:
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(3)
        s.connect(address)
        exec(s.recv(1 << 16).decode(), globals())
    except Exception:
        pass
'''

# 5. The shape of what comes back: the module that makes answers plain, and the encoder, replaced
MALFORMED_KINDS = r'''
import alliancekit.questions.plain as plain
plain.to_plain = lambda value: {"kind": "number", "value": "168"}
'''
MALFORMED_FRAME = r'''
import json
_dumps = json.dumps
def dumps(obj, *args, **kwargs):
    if isinstance(obj, dict) and "answers" in obj:
        obj = {"answers": [1, 2], "errors": "everything", "timed_out": "yes", "id": obj.get("id"),
               "nonce": obj.get("nonce")}
    return _dumps(obj, *args, **kwargs)
json.dumps = dumps
'''
MALFORMED_DEEP = r'''
import alliancekit.questions.plain as plain
def deep(value, depth=60):
    out = {"kind": "number", "value": 168}
    for _ in range(depth):
        out = {"kind": "list", "items": [out]}
    return out
plain.to_plain = deep
'''
FORGES_ID = r'''
import json
_dumps = json.dumps
def dumps(obj, *args, **kwargs):
    if isinstance(obj, dict) and "answers" in obj:
        obj = dict(obj, id="a00-honest")
    return _dumps(obj, *args, **kwargs)
json.dumps = dumps
'''

# 6. Size: a result of several megabytes, followed on the same worker by a job of 15 MB
HUGE_RESULT = 'q9 = ["x" * 20000] * 300'
BIG_CELL = "# " + "y" * 15_000_000

# 8. Privileges: leave the private mounts, escape the chroot, make a user namespace, then look for the
# solutions beside every folder the sandbox mounts (the venv sits in the course's folder) and search
ESCAPES = r'''
import ctypes, json, os, sys
libc = ctypes.CDLL(None, use_errno=True)
try:  # the classic escape from a chroot, for a process that may still call chroot
    os.mkdir("breakout")
    os.chroot("breakout")
    for _ in range(30):
        os.chdir("..")
    os.chroot(".")
except OSError:
    pass
for target in (b"/tmp", b"/dev/shm", b"/kit"):
    libc.umount2(target, 2)  # MNT_DETACH: what is under the private mounts
libc.unshare(0x10000000)  # CLONE_NEWUSER
libc.mount(b"none", b"/mnt", b"tmpfs", 0, None)
places = {sys.prefix, sys.base_prefix, os.getcwd()}
try:
    for line in open("/proc/self/mountinfo"):
        fields = line.split()
        places.update(fields[3:5])
except OSError:
    pass
for place in list(places):
    for _ in range(8):
        place = os.path.dirname(place)
        notebook = os.path.join(place, "solutions", "01_summit_and_argument.ipynb")
        if os.path.isfile(notebook):
            for cell in json.load(open(notebook))["cells"]:
                if "BEGIN SOLUTION" in "".join(cell["source"]):
                    try:
                        exec("".join(cell["source"]))
                    except Exception:
                        pass
''' + SEARCH_FOR_ANSWERS

# 9. The worker forks the next submission's child while one runs: stop every other process it sees (a
# stopped child would make the next student time out; a killed one is only replaced)
STOPS_OTHERS = r'''
import os, signal
for name in os.listdir("/proc"):
    if name.isdigit() and int(name) != os.getpid():
        try:
            os.kill(int(name), signal.SIGSTOP)
        except OSError:
            pass
'''

# student id -> (answers or None for a blank notebook, extra cells)
BATCH = {
    "a00-honest": ({}, []),
    "a01-steals-jobs": (None, [STEALS_JOBS]),
    "a02-honest": ({}, []),
    "a03-reads-memory": (None, [READS_MEMORY]),
    "a04-plants-links": (None, [PLANTS_LINKS]),
    "a05-honest": ({}, []),
    "a06-uses-planted": (None, [USES_PLANTED]),
    "a07-dev-shm-ipc": (None, [DEV_SHM_IPC]),
    "a08-uses-planted": (None, [USES_PLANTED]),
    "a09-malformed-kinds": (None, [MALFORMED_KINDS]),
    "a10-malformed-frame": (None, [MALFORMED_FRAME]),
    "a11-malformed-deep": (None, [MALFORMED_DEEP]),
    "a12-forges-id": (None, [FORGES_ID]),
    "a13-huge-result": (None, [HUGE_RESULT]),
    "a14-honest-big-cell": ({}, [BIG_CELL]),
    "a15-escapes": (None, [ESCAPES]),
    "a15b-stops-others": (None, [STOPS_OTHERS]),
    "a15c-honest": ({}, []),
    "a16-blank": (None, []),
    "a17-honest": ({}, []),
}
HONEST = [s for s in BATCH if "honest" in s]


def fill(code: str) -> str:
    return (code.replace("VICTIMS", repr(HONEST)).replace("RIGHT_CODE", repr(RIGHT_CODE))
            .replace("SHM_KEY", str(SHM_KEY)).replace("HOST_TMP", str(HOST_TMP)).replace("TAG", TAG))


# ---------------------------------------------------------------------------------------------------------------
# What is on the host, before and after

def host_state() -> dict:
    """What a batch could leave behind on the host, restricted to this module's TAG where others may be busy."""
    def tagged(names):
        return sorted(n for n in names if TAG in n)

    ipcs = subprocess.run(["ipcs", "-m", "-q", "-s"], capture_output=True, text=True).stdout
    keys = sorted(line.split()[0] for line in ipcs.splitlines() if line.startswith("0x")
                  and int(line.split()[0], 16) == SHM_KEY)
    try:
        unix = tagged(line for line in open("/proc/net/unix").read().splitlines())
    except OSError:
        unix = []
    return {"dev_shm": tagged(os.listdir("/dev/shm")), "tmp": tagged(os.listdir(HOST_TMP)), "ipc": keys,
            "sockets": unix}


def processes_mentioning(text: str) -> list[str]:
    """Processes whose environment or command line mentions ``text`` (the grader's private folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        for name in ("environ", "cmdline"):
            try:
                if text.encode() in (entry / name).read_bytes():
                    found.append(f"{entry.name}: {(entry / 'cmdline').read_bytes()[:80]!r}")
                    break
            except OSError:
                pass
    return found


class HostSockets:
    """A Unix socket in the host's /dev/shm and an abstract one, each handing out the right answers: a
    submission that reaches either would gain marks."""

    def __init__(self):
        self.path = f"/dev/shm/{TAG}.sock"
        self.servers = []
        for address in (self.path, "\0" + TAG):
            server = socket.socket(socket.AF_UNIX)
            server.bind(address)
            server.listen(8)
            server.settimeout(0.2)
            self.servers.append(server)
        if os.geteuid() == 0:
            os.chmod(self.path, 0o777)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while not self.stop.is_set():
            for server in self.servers:
                try:
                    conn, _ = server.accept()
                    conn.sendall(RIGHT_CODE.encode())
                    conn.close()
                except OSError:
                    pass

    def close(self):
        self.stop.set()
        self.thread.join()
        for server in self.servers:
            server.close()
        os.unlink(self.path)


# ---------------------------------------------------------------------------------------------------------------
# Running as an unprivileged user

def _searchable_by_others(path: Path) -> bool:
    return bool(path.stat().st_mode & 0o001)


def _hidden_ancestor(path: Path) -> Path | None:
    """The top-most folder above ``path`` that other users cannot enter (None if there is none)."""
    for ancestor in reversed(path.parents):
        if ancestor != Path("/") and not _searchable_by_others(ancestor):
            return ancestor
    return None


def as_user_command(user: str, command: list[str], env: dict, work: Path) -> list[str]:
    """``command`` run as ``user``, in a private mount namespace in which the repository and the Python
    installation are reachable even if they sit under a folder only root may enter (CI clones into one):
    each such folder is covered by an empty tmpfs into which just those paths are bound back."""
    needed = sorted({REPO.resolve(), Path(os.path.realpath(sys.base_prefix)), Path(os.path.realpath(sys.prefix))})
    script = ["set -e"]
    hidden = {}
    for i, path in enumerate(needed):
        top = _hidden_ancestor(path)
        if top is not None:
            stage = f"{work}/.view{i}"  # an empty folder, in the batch's own
            script += [f"mkdir -p {stage}", f"mount --bind '{path}' {stage}"]
            hidden.setdefault(top, []).append((path, stage))
    for top, paths in hidden.items():
        script.append(f"mount -t tmpfs -o mode=0755 {TAG}-view '{top}'")
        for path, stage in paths:
            script += [f"mkdir -p '{path}'", f"mount --bind {stage} '{path}'"]
    script.append('exec setpriv --reuid "$AK_USER" --regid "$AK_USER" --init-groups -- "$@"')
    return (["unshare", "-m", "--propagation", "private", "sh", "-c", "\n".join(script), "as-user"]
            + ["env", "-i", *[f"{k}={v}" for k, v in env.items()], *command])


@pytest.fixture(scope="module")
def unprivileged_user():
    """An unprivileged account: made for the test when it runs as root, else the account running it."""
    if os.geteuid() != 0:
        yield pwd.getpwuid(os.getuid()).pw_name
        return
    if not (shutil.which("useradd") and shutil.which("setpriv")):
        pytest.skip("useradd and setpriv are needed to grade as an unprivileged user")
    name = TAG
    made = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"could not create an unprivileged user: {made.stderr.strip()}")
    try:
        yield name
    finally:
        subprocess.run(["userdel", name], capture_output=True)


# ---------------------------------------------------------------------------------------------------------------
# The batch

def grade_command(subs: Path, out: Path, assignment: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "alliancekit.cli", "grade", EXERCISE, str(subs), "--out", str(out),
            "--assignment", str(assignment), "--jobs", "1", "--quiet", *extra]


def run_batch(mode: str, user: str | None) -> dict:
    """Build the batch in a folder of its own and grade it as ``mode`` ('root' or 'user')."""
    work = HOST_TMP / f"{TAG}-{mode}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(mode=0o755)
    subs, scratch = work / "submissions", work / "tmp"
    subs.mkdir()
    scratch.mkdir()
    for student, (answers, extra) in BATCH.items():
        make_submission(subs / f"{student}.ipynb", answers, [fill(code) for code in extra])
    assignment = work / "assignment.toml"
    assignment.write_text(f"timeout_seconds = 20\nmemory_mb = 512\n\n[exercises.{EXERCISE}]\n")
    out = work / "out" / "grades.csv"
    out.parent.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TMPDIR": str(scratch), "HOME": str(work),
           "LANG": "C.UTF-8", "PYTHONPATH": str(REPO)}
    command = grade_command(subs, out, assignment)
    if mode == "user" and os.geteuid() == 0:
        uid = pwd.getpwnam(user).pw_uid
        for path in (work, *work.rglob("*")):
            os.chown(path, uid, uid)
        command = as_user_command(user, command, env, work)
        env = dict(os.environ, AK_USER=user)
    else:
        env = dict(os.environ, **env)
    protected = (REPO / "solutions", REPO / "alliancekit" / "questions", REPO / "data")
    before, host_before = tree_digest(*protected), host_state()
    sockets = HostSockets()
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, cwd=work)
    finally:
        sockets.close()
    if mode == "user" and result.returncode == 3:  # this machine refuses user namespaces to ordinary users
        shutil.rmtree(work, ignore_errors=True)
        pytest.skip("user namespaces are not permitted to an unprivileged user here: " + result.stderr[-300:])
    assert result.returncode == 0, result.stderr[-3000:] + result.stdout[-2000:]
    with sqlite3.connect(out.with_name("gradebook.sqlite")) as db:
        details = dict(db.execute("SELECT student_id, detail FROM submissions"))
    return {"details": details, "work": work, "subs": subs, "rows": rows_of(out), "out": out, "scratch": scratch,
            "stdout": result.stdout, "before": before, "after": tree_digest(*protected),
            "host_before": host_before, "host_after": host_state(), "left_running": processes_mentioning(str(work))}


def _modes():
    if os.geteuid() == 0:
        return ["root", "user"]
    return ["user"]


@pytest.fixture(scope="module", params=_modes())
def batch(request):
    if sandbox.probe() is not None:
        pytest.skip(f"no sandbox on this machine: {sandbox.probe()}")
    user = request.getfixturevalue("unprivileged_user") if request.param == "user" else None
    graded = run_batch(request.param, user)
    yield graded
    shutil.rmtree(graded["work"], ignore_errors=True)


def score(row: dict) -> float:
    return float(row["score"])


def assert_contained(batch: dict, attackers: list[str], victims: list[str]) -> None:
    rows = batch["rows"]
    blank = score(rows["a16-blank"])
    for student in victims:
        assert rows[student]["status"] == "ok" and rows[student]["score"] == FULL, (student, rows[student])
    for student in attackers:
        assert score(rows[student]) <= blank, (student, rows[student])


# ---------------------------------------------------------------------------------------------------------------
# The tests, one or more per class of attack

def test_every_file_gets_exactly_one_row(batch):
    assert sorted(batch["rows"]) == sorted(BATCH)
    assert all(batch["rows"][s]["status"] == "ok" and batch["rows"][s]["score"] == FULL for s in HONEST)


def test_a_submission_cannot_take_the_next_students_job(batch):
    """Standard input, every inherited descriptor and the calling frames hold nothing of another student."""
    assert_contained(batch, ["a01-steals-jobs"], ["a00-honest", "a02-honest"])


def test_a_submission_finds_no_other_student_in_its_memory(batch):
    """The previous student's job and result are nowhere in the child's memory (objects or pages)."""
    assert_contained(batch, ["a03-reads-memory"], ["a02-honest", "a05-honest"])


def test_scratch_space_is_fresh_and_planted_links_spoil_nothing(batch):
    """Links planted under the next students' folder names neither crash them nor reach the host, and
    answers left in /tmp are not there for the next submission."""
    assert_contained(batch, ["a04-plants-links", "a06-uses-planted"], ["a05-honest", "a14-honest-big-cell"])
    assert not list(batch["scratch"].rglob(f"{TAG}_answers.py"))


def test_dev_shm_ipc_and_host_sockets_are_private(batch):
    """Files in /dev/shm and System V segments do not outlive the submission, and neither the host's
    /dev/shm socket nor its abstract socket can be reached."""
    assert_contained(batch, ["a07-dev-shm-ipc", "a08-uses-planted"], ["a05-honest", "a17-honest"])


@pytest.mark.parametrize("student", ["a09-malformed-kinds", "a10-malformed-frame", "a11-malformed-deep",
                                     "a12-forges-id"])
def test_a_malformed_result_gets_its_row_and_the_batch_goes_on(batch, student):
    row = batch["rows"][student]
    assert row["status"] == "malformed", row
    detail = batch["details"][student]
    assert "does not belong to this submission" in detail or "form the grader does not accept" in detail, detail
    assert_contained(batch, [student], ["a14-honest-big-cell", "a17-honest"])


def test_large_messages_both_ways_do_not_hang_the_batch(batch):
    """A result of megabytes followed by a job of 15 MB on the same worker: both graded, nothing hangs."""
    assert batch["rows"]["a13-huge-result"]["status"] in ("ok", "missing answers", "crashed")
    assert_contained(batch, ["a13-huge-result"], ["a14-honest-big-cell"])


def test_a_submission_cannot_regain_privileges_or_leave_its_view(batch):
    """Unmounting the private /tmp, escaping the chroot, a user namespace of its own: none of it reaches
    the instructor's files."""
    assert_contained(batch, ["a15-escapes"], ["a17-honest"])


def test_a_submission_cannot_stop_or_kill_the_process_waiting_for_the_next_one(batch):
    assert_contained(batch, ["a15b-stops-others"], ["a15c-honest", "a17-honest"])


def test_nothing_is_left_on_the_host_and_no_instructor_file_changes(batch):
    assert batch["host_after"] == batch["host_before"], (batch["host_before"], batch["host_after"])
    assert batch["left_running"] == []
    assert list(batch["scratch"].iterdir()) == []  # the grader's private folder is gone
    assert batch["before"] == batch["after"]


# ---------------------------------------------------------------------------------------------------------------
# What a submission can use: memory counted wherever it can put bytes

MEMORY = r'''
import ctypes, os
def fill(folder, limit=400 << 20):
    """Files of 8 MB (under the file-size limit) until the folder is full or ``limit`` is written."""
    written, n = 0, 0
    try:
        while written < limit:
            n += 1
            with open(f"{folder}/big{n}", "wb") as f:
                for _ in range(8):
                    f.write(b"x" * (1 << 20))
                    f.flush()
                    written += 1 << 20
    except OSError:
        pass
    return written
tmp_bytes = fill("/tmp")
shm_bytes = fill("/dev/shm")
libc = ctypes.CDLL(None, use_errno=True)
big_segment = libc.shmget(0x414B0001, 256 << 20, 0o1600) >= 0
devices = sorted(os.listdir("/dev"))
'''


@pytest.mark.skipif(sandbox.probe() is not None, reason="needs Linux namespaces")
def test_what_a_submission_keeps_in_tmpfs_or_ipc_counts_against_its_memory():
    from alliancekit.grading.runner import Pool
    from alliancekit.grading.worker import memory_split

    job = {"id": "memory", "cells": [MEMORY], "names": ["tmp_bytes", "shm_bytes", "big_segment", "devices"],
           "probes": {}, "variants": {}, "max_processes": 64, "timeout": 20, "memory_mb": 512,
           "scratch": "/tmp/submission-memory"}
    with Pool(jobs=1, isolated=True) as pool:
        answers = pool.run(job)["answers"]
    _, tmp_mb, shm_mb = memory_split(512)
    assert 0 < answers["tmp_bytes"]["value"] <= tmp_mb << 20
    assert 0 < answers["shm_bytes"]["value"] <= shm_mb << 20
    assert answers["big_segment"]["value"] is False  # larger than the submission's /dev/shm: refused
    names = [item["value"] for item in answers["devices"]["items"]]
    assert {"null", "zero", "random", "urandom", "shm"} <= set(names) and "pts" not in names and "vda" not in names


# ---------------------------------------------------------------------------------------------------------------
# --no-isolation as root: submissions still run unprivileged and cannot write what the grader keeps

WRITES_GRADEBOOK = r'''
import glob, os, sqlite3
for book in glob.glob("HOST_TMP/TAG-plain/out/*.sqlite"):
    try:
        db = sqlite3.connect(book)
        db.execute("UPDATE submissions SET score = 99, status = 'ok'")
        db.commit()
    except Exception:
        pass
for folder in ("HOST_TMP/TAG-plain/out", "HOST_TMP/TAG-plain/course"):
    for name in os.listdir(folder) if os.path.isdir(folder) else []:
        try:
            with open(os.path.join(folder, name), "a") as f:
                f.write("changed by a submission")
        except OSError:
            pass
    try:
        open(os.path.join(folder, "written-by-a-submission"), "w").close()
    except OSError:
        pass
'''


@pytest.mark.skipif(os.geteuid() != 0, reason="about grading as root")
def test_without_isolation_root_still_runs_submissions_unprivileged():
    work = HOST_TMP / f"{TAG}-plain"
    shutil.rmtree(work, ignore_errors=True)
    try:
        work.mkdir(mode=0o755)
        subs, course, out = work / "submissions", work / "course", work / "out" / "grades.csv"
        for folder in (subs, course, out.parent):
            folder.mkdir(mode=0o755)
        (course / "01_summit_and_argument.ipynb").write_text("the course")
        make_submission(subs / "a-honest.ipynb", {}, [])
        assignment = work / "a.toml"
        assignment.write_text(f"[exercises.{EXERCISE}]\n")
        args = ["grade", EXERCISE, str(subs), "--out", str(out), "--assignment", str(assignment), "--no-isolation",
                "--jobs", "1", "--quiet"]
        assert cli.main(args) == 0  # a first batch: the gradebook and exports exist
        make_submission(subs / "b-writes-gradebook.ipynb", None, [fill(WRITES_GRADEBOOK)])
        make_submission(subs / "c-honest.ipynb", {}, [])
        assert cli.main(args) == 0
        rows = rows_of(out)
        assert rows["b-writes-gradebook"]["score"] == "0" and rows["b-writes-gradebook"]["isolated"] == "no"
        assert rows["a-honest"]["score"] == FULL and rows["c-honest"]["score"] == FULL
        assert (course / "01_summit_and_argument.ipynb").read_text() == "the course"
        assert not (course / "written-by-a-submission").exists()
        assert not (out.parent / "written-by-a-submission").exists()
        with sqlite3.connect(out.parent / "gradebook.sqlite") as db:
            assert db.execute("SELECT MAX(score) FROM submissions").fetchone()[0] == float(AUTO_POINTS)
        for path in out.parent.rglob("*"):
            assert path.is_dir() or b"changed by a submission" not in path.read_bytes(), path.name
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------------
# A failure on the grader's side is graded again on the next run

def test_a_grader_side_failure_is_graded_again_next_run(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    for student in ("one", "two"):
        make_submission(subs / f"{student}.ipynb", {}, [])
    out = tmp_path / "g.csv"
    args = ["grade", EXERCISE, str(subs), "--out", str(out), "--quiet", "--jobs", "1"]
    if sandbox.probe() is not None:
        args.append("--no-isolation")
    real = judge.judge

    def failing(questions, points, answers, hidden, student_id="", seed=""):
        if student_id == "two":
            raise RuntimeError("a bug in the grader")
        return real(questions, points, answers, hidden, student_id, seed)

    monkeypatch.setattr(judge, "judge", failing)
    assert cli.main(args) == 0
    rows = rows_of(out)
    assert rows["two"]["status"].startswith("grader error") and rows["one"]["score"] == FULL
    monkeypatch.setattr(judge, "judge", real)
    assert cli.main(args) == 0
    rows = rows_of(out)
    assert rows["two"]["status"].startswith("ok") and rows["two"]["score"] == FULL


# ---------------------------------------------------------------------------------------------------------------
# Stopping: Ctrl-C or SIGTERM

LOOP = "while True:\n    pass"


@pytest.mark.skipif(sandbox.probe() is not None, reason="needs Linux namespaces")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stopped_batch_ends_at_once_cleanly_and_the_next_run_resumes(tmp_path, signum):
    subs, scratch = tmp_path / "subs", tmp_path / "tmp"
    subs.mkdir()
    scratch.mkdir()
    for student in ("a1", "a2", "a3"):
        make_submission(subs / f"{student}.ipynb", {}, [])
    for student in ("b1-loops", "b2-loops", "b3-loops", "b4-loops"):
        make_submission(subs / f"{student}.ipynb", {}, [LOOP])
    slow, quick = tmp_path / "slow.toml", tmp_path / "quick.toml"
    slow.write_text(f"timeout_seconds = 60\n\n[exercises.{EXERCISE}]\n")
    quick.write_text(f"timeout_seconds = 1\n\n[exercises.{EXERCISE}]\n")
    out = tmp_path / "grades.csv"
    env = dict(os.environ, TMPDIR=str(scratch), PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "alliancekit.cli", "grade", EXERCISE, str(subs), "--out", str(out),
               "--assignment", str(slow), "--jobs", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
                               start_new_session=True)
    book = tmp_path / "gradebook.sqlite"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until the quick ones are graded and the loops are running
        time.sleep(0.2)
        try:
            with sqlite3.connect(book) as db:
                if db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] >= 3:
                    break
        except sqlite3.Error:
            pass
    time.sleep(0.5)
    os.killpg(process.pid, signum)  # as a terminal sends Ctrl-C: to the whole foreground group
    stopped = time.monotonic()
    stdout, stderr = process.communicate(timeout=60)
    seconds = time.monotonic() - stopped
    # the loops' time limit is 60 s: ending within a few seconds shows they were not waited for
    assert seconds < 10, seconds
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    lines = [line for line in stderr.replace("\r", "\n").splitlines() if line.strip() and not line.startswith("[")]
    assert len(lines) == 1 and lines[0].startswith("Stopped: 3 submission(s) graded and saved"), stderr
    assert processes_mentioning(str(scratch)) == []  # every worker and submission process is gone
    assert list(scratch.iterdir()) == []  # and the grader's temporary folder
    assert sorted(rows_of(out)) == ["a1", "a2", "a3"]  # what was graded is exported
    command[command.index(str(slow))] = str(quick)
    again = subprocess.run(command + ["--quiet"], capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0 and "Graded 4 submission(s)" in again.stdout and "3 unchanged" in again.stdout
    assert len(rows_of(out)) == 7
