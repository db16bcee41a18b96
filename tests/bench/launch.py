"""Run one command and report its time, CPU time and peak memory:
`python -S launch.py REPORT CMD ...`.

Why a launcher: on Linux a child's `ru_maxrss` starts at the peak of the process that spawned
it (exec keeps the old memory's high-water mark), so a command spawned straight from the suite
would report at least the suite's own peak. Spawned from this small process (no site, a few
imports), its peak is its own, give or take the launcher's few MB. Writes `seconds peak_kb
cpu_seconds` to REPORT (CPU: user and system time of the command and of the children it waited
for) and exits with the command's exit code. Standard library only, nothing of the project.
"""

import os
import sys
import time


def main(report: str, argv: list[str]) -> int:
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    with open(report, "w", encoding="ascii") as out:
        out.write(f"{seconds} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}\n")
    code = os.waitstatus_to_exitcode(status)
    return code if code >= 0 else 128 - code  # killed by a signal: as a shell says it


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
