"""When a file may be taken for unchanged without reading it (one rule, for ingest's files and the editions' records).

A file is unchanged when its size, modification and change times (ns), inode and device are those a build recorded,
and that build started at least ``SETTLED_NS`` after the file's last change. The change time cannot be set back by
tools that keep or restore a modification time (``cp -p``, ``rsync -t``, ``tar``, ``touch -d``), and any write,
rename over or permission change moves it; the margin covers a change in the same tick of the file system's clock
as the one recorded, which would leave both times as they were (file systems keep times to the nanosecond, FAT
and old ext3 to a second or two). The margin is taken on this machine's clock: a network mount whose server's
clock runs more than 2 s behind it loses that cover (a change of the same size in the tick of the server's clock
in which a build read the file would go unnoticed). There, and on a file system whose times do not move on a
write, a file would need its content compared instead: delete the build cache to read every file again.
"""

from __future__ import annotations

import os
import time

#: How long after a file's last change a build must have started for its record to be trusted (see above).
SETTLED_NS = 2_000_000_000


def stamp(info: os.stat_result) -> list[int]:
    """What is compared: size, modification and change times (ns), inode, device."""
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


def now() -> int:
    """The time a build starts reading, in ns, for ``settled``."""
    return time.time_ns()


def settled(info: os.stat_result, started: int) -> bool:
    """The file's last change was at least SETTLED_NS before ``started``: its stamp may stand for its content."""
    return max(info.st_mtime_ns, info.st_ctime_ns) < started - SETTLED_NS
