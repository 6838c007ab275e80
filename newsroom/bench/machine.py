"""How busy the machine was while a figure was measured, so a noisy figure says so.

On Linux, from /proc: the load average, and the CPU every process used during the run
(/proc/stat) less what the run's own processes used (the app servers and their workers, nginx,
wrk, PostgreSQL's backends for the bench database, Redis). What is left was used by others.
Elsewhere nothing is known and the figures print without it.
"""

import os
import resource
import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
# Other processes using more than this share of the machine's CPU make a figure noisy.
NOISY_SHARE = 0.15


def cores():
    return os.cpu_count() or 1


def _ticks():
    return os.sysconf("SC_CLK_TCK")


def busy_seconds():
    """CPU seconds every process has used since boot (all cores), or None off Linux."""
    try:
        fields = (PROC / "stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal: idle and iowait are not work.
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / _ticks()


def load_average():
    try:
        return float((PROC / "loadavg").read_text().split()[0])
    except OSError:
        return None


def _stat(pid):
    """(parent pid, CPU seconds) of a process, or None once it is gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces; the fields after it are plain numbers.
    fields = text.rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _ticks()


def descendants(roots):
    """The given processes and all their children, grandchildren..."""
    children = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            stat = _stat(entry.name)
            if stat is not None:
                children.setdefault(stat[0], []).append(int(entry.name))
    found, todo = set(), [pid for pid in roots if pid]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo += children.get(pid, [])
    return found


def named(name):
    """Processes whose command is this name (e.g. redis-server)."""
    pids = []
    for entry in PROC.glob("[0-9]*/comm"):
        try:
            if entry.read_text().strip() == name:
                pids.append(int(entry.parent.name))
        except OSError:
            pass
    return pids


def cpu_of(pids):
    return sum(stat[1] for stat in map(_stat, pids) if stat is not None)


def waited_children_seconds():
    """CPU of this process's children that have ended (wrk runs as one)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Usage:
    seconds: float
    # The one-minute load average at the end of the run (the run's own processes included).
    load: float | None
    # CPU cores (average over the run) the run's own processes and everything else used.
    ours: float | None
    others: float | None

    @property
    def noisy(self):
        return self.others is not None and self.others > NOISY_SHARE * cores()

    def describe(self):
        if self.others is None:
            return "load unknown"
        return f"load {self.load:.1f}, others {self.others:.2f} cores"


class Watch:
    """CPU used during one measurement, by the run's processes (`ours()`: their pids) and by
    everything else."""

    def __init__(self, ours):
        self.ours = ours

    def __enter__(self):
        self.pids = self.ours()
        self.started = time.monotonic()
        self.busy = busy_seconds()
        self.own = cpu_of(self.pids) + waited_children_seconds()
        return self

    def __exit__(self, *exc):
        seconds = time.monotonic() - self.started
        busy = busy_seconds()
        # Processes that ended during the run (a wrk) are counted by waited_children_seconds.
        own = cpu_of(self.pids) + waited_children_seconds() - self.own
        if busy is None or self.busy is None:
            self.usage = Usage(seconds, load_average(), None, None)
        else:
            others = max(0.0, busy - self.busy - own)
            self.usage = Usage(seconds, load_average(), own / seconds, others / seconds)
        return False
