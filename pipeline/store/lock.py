"""One writer at a time: an exclusive `flock` on `<root>/.lock`, released when the process ends, however
it ends (the kernel drops the lock of a killed process, so a crash never leaves a stale lock)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from pipeline.store.errors import WarehouseLockedError

LOCK_NAME = ".lock"


class WriterLock:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise `WarehouseLockedError` at once (never waits)."""
        fd = os.open(self.root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise WarehouseLockedError(
                self.root,
                f"kho dữ liệu đang được một lượt nạp khác ghi (pid {holder}); chờ lượt đó xong rồi chạy lại / "
                f"the warehouse is locked by another ingest (pid {holder}); wait for it to finish, then run again",
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
