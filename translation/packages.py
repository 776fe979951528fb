"""Argos Translate packages: list, install (file, folder or index download), remove.

The on-disk format is argostranslate's (a package is a folder with
``metadata.json``, a CTranslate2 model in ``model/`` and ``sentencepiece.model``;
an ``.argosmodel`` file is that folder zipped; the index is argospm's
``index.json``), so argostranslate reads what this module installs. The module
does not import ``argostranslate.package`` itself: that import creates folders
under the user's home and reads a settings file there, and the console keeps
its packages in a folder of its own.

Installs are atomic: a package is unpacked into a temporary folder next to the
installed ones, validated (metadata, model files, the model and tokenizer
actually load), and only then moved in place, so a corrupt or incomplete
package never replaces a working one.

Everything in a package is treated as hostile until checked: codes, names and
versions in ``metadata.json`` are validated before they name a folder, the
install target is proven to sit directly inside the package folder, folder
installs never follow links out of the chosen folder, and archives are checked
against a size, file-count and compression limit before (and while) they are
expanded. Every refusal is a :class:`PackageError` with a ``code``, plain
``params`` and an English sentence for a person (``str(error)``); the
templates are in :data:`TEMPLATES` so a UI can word the same codes in its own
language.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import tempfile
import threading
import unicodedata
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
"""argospm's public index; offline sites point ``index_url`` at their own file server."""

Progress = Callable[[int, int | None], None]
"""Called with (bytes received, total bytes or None when the server does not say)."""

MAX_PACKAGE_BYTES = 2 << 30
"""Most a package may take on disk unpacked (real Argos packages are well under 1 GiB)."""
MAX_PACKAGE_FILES = 10_000
"""Most files and folders a package may hold."""
MAX_COMPRESSION_RATIO = 50
"""An archive may expand to at most this many times its own size (beyond a small floor)."""
_RATIO_FLOOR = 64 << 20
MAX_METADATA_BYTES = 1 << 20
MAX_INDEX_BYTES = 32 << 20
_MAX_DEPTH = 32
_CHUNK = 1 << 20

_install_lock = threading.Lock()
_log = logging.getLogger(__name__)

_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)

# --- problems: a code, plain parameters, an English sentence ------------------------

TEMPLATES: dict[str, str] = {}
"""Every package problem code with its English template (``{name}`` placeholders)."""


def _define(code: str, template: str) -> str:
    TEMPLATES[code] = template
    return code


OTHER = _define("package.other", "{detail}")
NOT_FOUND = _define("package.not_found", "The package file or folder {source} does not exist.")
NOT_ARCHIVE = _define(
    "package.not_archive", "{source} is not a translation package file (.argosmodel)."
)
DAMAGED_ARCHIVE = _define(
    "package.damaged_archive", "The package file {source} is damaged and cannot be unpacked."
)
UNSUPPORTED_COMPRESSION = _define(
    "package.unsupported_compression",
    "The package file {source} is packed with a kind of compression the console does not accept.",
)
UNSAFE_ENTRY = _define(
    "package.unsafe_entry",
    "The package file {source} contains an entry named {entry} that would be written outside "
    "the package folder or over another entry, so the package was refused.",
)
TOO_LARGE = _define(
    "package.too_large",
    "The package {source} would take more than {limit} on disk, so it was refused.",
)
TOO_MANY_FILES = _define(
    "package.too_many_files",
    "The package {source} contains more than {limit} files, so it was refused.",
)
TOO_DEEP = _define(
    "package.too_deep",
    "The package {source} has folders nested too deeply, so it was refused.",
)
SUSPICIOUS_COMPRESSION = _define(
    "package.suspicious_compression",
    "The package file {source} would expand to far more data than it holds, so it was refused.",
)
LINK_OUTSIDE = _define(
    "package.link_outside",
    "The package folder {source} contains a link ({entry}) that points outside the folder, "
    "so it was refused.",
)
SPECIAL_FILE = _define(
    "package.special_file",
    "The package folder {source} contains {entry}, which is not an ordinary file, "
    "so it was refused.",
)
NO_METADATA = _define(
    "package.no_metadata", "The package has no metadata.json file at its top level."
)
BAD_METADATA = _define("package.bad_metadata", "The package's metadata.json file cannot be read.")
METADATA_TOO_LARGE = _define(
    "package.metadata_too_large", "The package's metadata.json file is unreasonably large."
)
MISSING_FIELD = _define("package.missing_field", "The package's metadata does not say its {field}.")
BAD_FIELD = _define(
    "package.bad_field",
    "The package's metadata gives an invalid {field} ({value}), so the package was refused.",
)
NOT_TRANSLATION = _define(
    "package.not_translation",
    "The package is not a translation package (its type is {type}).",
)
MISSING_FILE = _define(
    "package.missing_file", "The package {package} is incomplete: {file} is missing."
)
CORRUPT_FILE = _define(
    "package.corrupt_file", "The package {package} is damaged: {file} cannot be loaded."
)
UNSAFE_TARGET = _define(
    "package.unsafe_target",
    "The package would be installed outside the package folder, so it was refused.",
)
INSTALL_FAILED = _define("package.install_failed", "The package could not be installed: {reason}.")
NOT_INSTALLED = _define(
    "package.not_installed", "No package for {from_code} to {to_code} is installed."
)
REMOVE_FAILED = _define("package.remove_failed", "The package could not be removed: {reason}.")
INDEX_UNREADABLE = _define(
    "package.index_unreadable", "The package list at {url} cannot be read: {reason}."
)
INDEX_NOT_LIST = _define(
    "package.index_not_list", "The package list at {url} is not a list of packages."
)
INDEX_TOO_LARGE = _define(
    "package.index_too_large", "The package list at {url} is unreasonably large."
)
NO_LINK = _define("package.no_link", "The package list gives no download address for {name}.")
DOWNLOAD_CANCELLED = _define("package.download_cancelled", "The download of {name} was cancelled.")
DOWNLOAD_TRUNCATED = _define(
    "package.download_truncated",
    "The download of {name} stopped early ({received} of {total} bytes).",
)
DOWNLOAD_TOO_LARGE = _define(
    "package.download_too_large",
    "The download of {name} is larger than {limit}, so it was stopped.",
)
CHECKSUM_MISMATCH = _define(
    "package.checksum_mismatch",
    "The downloaded file for {name} does not match the checksum in the package list "
    "(the file is corrupt or was changed), so it was not installed.",
)
DOWNLOAD_FAILED = _define(
    "package.download_failed", "The package {name} could not be downloaded: {reason}."
)


def _shown(value: object, limit: int = 200) -> str:
    """``value`` as safe text for a sentence: control characters escaped, length bounded."""
    text = str(value)
    out: list[str] = []
    for ch in text[: limit + 1]:
        if unicodedata.category(ch)[0] == "C":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    shown = "".join(out)
    return shown[:limit] + "…" if len(shown) > limit else shown


def _size_text(size: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


class PackageError(Exception):
    """A package could not be read, downloaded, installed or removed.

    ``code`` names the problem (a key of :data:`TEMPLATES`), ``params`` are its
    plain-text values, and ``str(error)`` is the English sentence. A free
    sentence given instead of a code is kept as ``package.other``.
    """

    def __init__(self, code: str, /, **params: object) -> None:
        if code not in TEMPLATES:
            params = {"detail": code}
            code = OTHER
        self.code: str = code
        self.params: dict[str, str] = {key: _shown(value) for key, value in params.items()}
        super().__init__(self.text)

    @property
    def text(self) -> str:
        return TEMPLATES[self.code].format_map(_Params(self.params))

    def __str__(self) -> str:
        return self.text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_error, (type(self), self.code, self.params))


def _rebuild_error(cls: type[PackageError], code: str, params: dict[str, str]) -> PackageError:
    return cls(code, **params)


class InvalidPackageError(PackageError):
    """The package file or folder is corrupt, incomplete or unsafe."""


class DownloadError(PackageError):
    """The download failed, was truncated, or its checksum did not match."""


class DownloadCancelled(PackageError):
    """The download was cancelled through its ``cancel`` event."""


def _reason(err: BaseException) -> str:
    """A short, path-free reason for an operating-system or network error."""
    import http.client
    import urllib.error

    if isinstance(err, urllib.error.HTTPError):
        return f"the server answered {err.code} {_shown(err.reason, 60)}".rstrip()
    if isinstance(err, urllib.error.URLError):
        inner = err.reason
        if isinstance(inner, BaseException):
            return _reason(inner)
        return _shown(inner, 100) or "the address cannot be reached"
    if isinstance(err, TimeoutError):
        return "there was no answer in time"
    if isinstance(err, OSError):
        if err.errno == errno.ENOSPC:
            return "the disk is full"
        if err.errno in (errno.EACCES, errno.EPERM):
            return "permission was refused"
        if err.errno == errno.ENOENT:
            return "a file or folder does not exist"
        return (err.strerror or "the system refused the operation").rstrip(".").lower()
    if isinstance(err, http.client.HTTPException):
        return "the server's answer was malformed"
    if isinstance(err, ValueError):
        return "the address or the data is not valid"
    return "an unexpected error occurred"


# --- package metadata ----------------------------------------------------------------

_CODE_RE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,2}")
_TYPE_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_VERSION_RE = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9}){0,5}")
_CHECKSUM_RE = re.compile(r"[0-9a-f]{64}")
_FOLDER_NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,100}")
_MAX_NAME = 100
_MAX_LINKS = 16
_MAX_LINK = 2048


def _plain_text(value: str, limit: int) -> bool:
    return len(value) <= limit and not any(unicodedata.category(ch)[0] == "C" for ch in value)


def _bad(field_name: str, value: object) -> InvalidPackageError:
    return InvalidPackageError(BAD_FIELD, field=field_name, value=_shown(value, 40))


@dataclass(frozen=True)
class PackageInfo:
    """Metadata of an installed package or of an index entry (validated on creation)."""

    from_code: str
    to_code: str
    package_version: str = ""
    argos_version: str = ""
    from_name: str = ""
    to_name: str = ""
    type: str = "translate"
    target_prefix: str = ""
    links: tuple[str, ...] = ()
    checksum: str | None = None
    """sha256 hex digest of the ``.argosmodel`` when the index gives one."""
    path: Path | None = None
    """The installed folder (None for index entries)."""
    metadata: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("from_code", "to_code"):
            value = getattr(self, name)
            if not isinstance(value, str) or not _CODE_RE.fullmatch(value):
                raise _bad(name, value)
        if not isinstance(self.type, str) or not _TYPE_RE.fullmatch(self.type):
            raise _bad("type", self.type)
        for name in ("package_version", "argos_version"):
            value = getattr(self, name)
            if not isinstance(value, str) or (value and not _VERSION_RE.fullmatch(value)):
                raise _bad(name, value)
        for name in ("from_name", "to_name", "target_prefix"):
            value = getattr(self, name)
            if not isinstance(value, str) or not _plain_text(value, _MAX_NAME):
                raise _bad(name, value)
        if len(self.links) > _MAX_LINKS:
            raise _bad("links", f"{len(self.links)} links")
        for link in self.links:
            if not isinstance(link, str) or not link or not _plain_text(link, _MAX_LINK):
                raise _bad("links", link)
        if self.checksum is not None and not _CHECKSUM_RE.fullmatch(self.checksum):
            raise _bad("checksum", self.checksum)

    @property
    def pair(self) -> tuple[str, str]:
        return (self.from_code, self.to_code)

    @property
    def name(self) -> str:
        """argospm's name for the package (``translate-en_es``)."""
        return f"{self.type}-{self.from_code}_{self.to_code}"

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, Any], path: Path | None = None) -> PackageInfo:
        """Read and validate metadata; raise :class:`InvalidPackageError` when it is unsafe."""
        for name in ("from_code", "to_code"):
            value = metadata.get(name)
            if value is None:
                raise InvalidPackageError(MISSING_FIELD, field=name)
            if not isinstance(value, str):
                raise _bad(name, value)
        checksum = metadata.get("sha256") or metadata.get("checksum")
        links = metadata.get("links") or ()
        if not isinstance(links, list | tuple):
            raise _bad("links", links)

        def text(name: str, default: str = "") -> str:
            value = metadata.get(name, default)
            if value is None:
                return default
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise _bad(name, value)
            return str(value)

        return cls(
            from_code=metadata["from_code"],
            to_code=metadata["to_code"],
            package_version=text("package_version"),
            argos_version=text("argos_version"),
            from_name=text("from_name"),
            to_name=text("to_name"),
            type=text("type", "translate"),
            target_prefix=text("target_prefix"),
            links=tuple(link if isinstance(link, str) else repr(link) for link in links),
            checksum=str(checksum).lower() if checksum else None,
            path=path,
            metadata=dict(metadata),
        )


def _version_key(version: str) -> tuple[int, ...]:
    parts: list[int] = []
    for piece in version.split(".")[:8]:
        digits = "".join(ch for ch in piece if "0" <= ch <= "9")[:18]
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def _read_metadata_bytes(path: Path) -> bytes:
    """The bytes of ``metadata.json``: never through a link, never a pipe or device."""
    try:
        fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_BINARY)
    except FileNotFoundError as err:
        raise InvalidPackageError(NO_METADATA) from err
    except (OSError, ValueError) as err:
        raise InvalidPackageError(BAD_METADATA) from err
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise InvalidPackageError(BAD_METADATA)
        data = handle.read(MAX_METADATA_BYTES + 1)
    if len(data) > MAX_METADATA_BYTES:
        raise InvalidPackageError(METADATA_TOO_LARGE)
    return data


def read_package(folder: Path) -> PackageInfo:
    """Read and validate an unpacked package's metadata (not the model files)."""
    try:
        metadata = json.loads(_read_metadata_bytes(folder / "metadata.json").decode("utf-8"))
    except OSError as err:
        raise InvalidPackageError(BAD_METADATA) from err
    except (ValueError, RecursionError) as err:  # JSON, UTF-8, huge integers, deep nesting
        raise InvalidPackageError(BAD_METADATA) from err
    if not isinstance(metadata, dict):
        raise InvalidPackageError(BAD_METADATA)
    return PackageInfo.from_metadata(metadata, folder)


@dataclass(frozen=True)
class SkippedFolder:
    """A folder in the package folder that is not a readable package."""

    name: str
    problem: PackageError


def scan_installed(package_dir: Path) -> tuple[list[PackageInfo], list[SkippedFolder]]:
    """Installed translation packages (best first per pair) and the folders skipped.

    One bad folder never hides the others: it is reported in the second list.
    """
    found: list[PackageInfo] = []
    skipped: list[SkippedFolder] = []
    try:
        if not package_dir.is_dir():
            return found, skipped
        folders = sorted(package_dir.iterdir())
    except OSError as err:
        skipped.append(SkippedFolder("", PackageError(INSTALL_FAILED, reason=_reason(err))))
        return found, skipped
    for folder in folders:
        try:
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            info = read_package(folder)
        except PackageError as err:
            skipped.append(SkippedFolder(_shown(folder.name, 100), err))
            continue
        except OSError as err:
            problem = InvalidPackageError(BAD_METADATA)
            problem.__cause__ = err
            skipped.append(SkippedFolder(_shown(folder.name, 100), problem))
            continue
        if info.type == "translate":
            found.append(info)
    found.sort(key=lambda p: (p.pair, _version_key(p.package_version)), reverse=True)
    return found, skipped


def installed_packages(package_dir: Path) -> list[PackageInfo]:
    """Installed translation packages, best (newest) first for each pair.

    Folders that are not readable packages are skipped and logged (see
    :func:`scan_installed` to get them).
    """
    found, skipped = scan_installed(package_dir)
    for item in skipped:
        _log.warning("Skipped package folder %s: %s", item.name, item.problem)
    return found


def validate_package(folder: Path, *, load: bool = True) -> PackageInfo:
    """Check that ``folder`` is a complete package; raise :class:`InvalidPackageError`.

    With ``load`` the CTranslate2 model and the SentencePiece model are loaded
    once, which catches truncated or corrupt weight files.
    """
    info = read_package(folder)
    if info.type != "translate":
        raise InvalidPackageError(NOT_TRANSLATION, type=info.type)
    name = info.name
    model = folder / "model"
    weights = model / "model.bin"
    if not weights.is_file() or weights.is_symlink() or weights.stat().st_size == 0:
        raise InvalidPackageError(MISSING_FILE, package=name, file="model/model.bin")
    if not (model / "config.json").is_file():
        raise InvalidPackageError(MISSING_FILE, package=name, file="model/config.json")
    vocabularies = list(model.glob("*vocabulary*"))
    if not vocabularies:
        raise InvalidPackageError(MISSING_FILE, package=name, file="the vocabulary file")
    spm_path = folder / "sentencepiece.model"
    if not spm_path.is_file():
        raise InvalidPackageError(MISSING_FILE, package=name, file="sentencepiece.model")
    if load:
        import ctranslate2
        import sentencepiece

        try:
            sentencepiece.SentencePieceProcessor(model_file=str(spm_path))
        except Exception as err:  # sentencepiece raises RuntimeError/OSError variants
            raise InvalidPackageError(
                CORRUPT_FILE, package=name, file="sentencepiece.model"
            ) from err
        try:
            translator = ctranslate2.Translator(
                str(model), device="cpu", compute_type="auto", intra_threads=1
            )
            del translator
        except Exception as err:  # ctranslate2 raises RuntimeError/ValueError variants
            raise InvalidPackageError(CORRUPT_FILE, package=name, file="the model") from err
    return info


def _package_root(unpacked: Path) -> Path:
    if (unpacked / "metadata.json").is_file():
        return unpacked
    children = [p for p in unpacked.iterdir() if p.is_dir() and not p.name.startswith("__")]
    if len(children) == 1 and (children[0] / "metadata.json").is_file():
        return children[0]
    raise InvalidPackageError(NO_METADATA)


# --- unpacking within limits ---------------------------------------------------------


class _Budget:
    """Bytes and entries a package may still take; refuses the first one over."""

    def __init__(self, source: str, max_bytes: int, max_files: int) -> None:
        self.source = source
        self.max_bytes = max_bytes
        self.max_files = max_files
        self.bytes = 0
        self.files = 0

    def too_large(self) -> InvalidPackageError:
        return InvalidPackageError(TOO_LARGE, source=self.source, limit=_size_text(self.max_bytes))

    def too_many(self) -> InvalidPackageError:
        return InvalidPackageError(TOO_MANY_FILES, source=self.source, limit=self.max_files)

    def add_file(self) -> None:
        self.files += 1
        if self.files > self.max_files:
            raise self.too_many()

    def add_bytes(self, count: int) -> None:
        self.bytes += count
        if self.bytes > self.max_bytes:
            raise self.too_large()


def _write_stream(
    read: Callable[[int], bytes], target: Path, budget: _Budget, declared: int | None = None
) -> None:
    """Copy ``read`` into a new file ``target``, stopping at the budget or ``declared`` size."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_BINARY
    fd = os.open(target, flags, 0o644)
    written = 0
    with os.fdopen(fd, "wb") as out:
        while True:
            chunk = read(_CHUNK)
            if not chunk:
                break
            written += len(chunk)
            if declared is not None and written > declared:  # the archive's headers lie
                raise InvalidPackageError(SUSPICIOUS_COMPRESSION, source=budget.source)
            budget.add_bytes(len(chunk))
            out.write(chunk)


def _copy_file(source: Path, target: Path, budget: _Budget, entry: str) -> None:
    try:
        fd = os.open(source, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_BINARY)
    except OSError as err:
        if err.errno == errno.ELOOP:  # became a link after it was listed
            raise InvalidPackageError(LINK_OUTSIDE, source=budget.source, entry=entry) from err
        raise
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise InvalidPackageError(SPECIAL_FILE, source=budget.source, entry=entry)
        _write_stream(handle.read, target, budget)


def _copy_folder(source: Path, dest: Path, budget: _Budget) -> None:
    """Copy a package folder; links are never followed out of it, special files refused."""
    root = source.resolve()

    def walk(directory: Path, target: Path, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise InvalidPackageError(TOO_DEEP, source=budget.source)
        target.mkdir()
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            budget.add_file()
            path = Path(entry.path)
            shown = path.relative_to(root).as_posix()
            if entry.is_symlink():
                try:
                    resolved = path.resolve(strict=True)
                except (OSError, RuntimeError) as err:  # dangling or a loop
                    raise InvalidPackageError(
                        LINK_OUTSIDE, source=budget.source, entry=shown
                    ) from err
                if not resolved.is_relative_to(root):
                    raise InvalidPackageError(LINK_OUTSIDE, source=budget.source, entry=shown)
                if not resolved.is_file():  # a link to a folder inside: refused, no loops
                    raise InvalidPackageError(SPECIAL_FILE, source=budget.source, entry=shown)
                _copy_file(resolved, target / entry.name, budget, shown)
            elif entry.is_dir(follow_symlinks=False):
                walk(path, target / entry.name, depth + 1)
            elif entry.is_file(follow_symlinks=False):
                _copy_file(path, target / entry.name, budget, shown)
            else:
                raise InvalidPackageError(SPECIAL_FILE, source=budget.source, entry=shown)

    walk(root, dest, 0)


def _member_parts(name: str) -> tuple[str, ...] | None:
    """The path parts of an archive entry, or None when it could leave the folder."""
    if not name or len(name) > 1024 or "\\" in name or name.startswith("/"):
        return None
    if len(name) > 1 and name[1] == ":":
        return None
    if any(unicodedata.category(ch)[0] == "C" for ch in name):
        return None
    parts = tuple(part for part in name.split("/") if part not in ("", "."))
    if not parts or ".." in parts or len(parts) > _MAX_DEPTH:
        return None
    if any(len(part.encode("utf-8")) > 255 for part in parts):
        return None
    return parts


def _extract_archive(source: Path, dest: Path, budget: _Budget) -> None:
    """Unpack an ``.argosmodel`` after checking its sizes, names and count; stream-limited."""
    import zipfile

    archive_size = source.stat().st_size
    if archive_size > budget.max_bytes:
        raise budget.too_large()
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            if len(infos) > budget.max_files:
                raise budget.too_many()
            declared = sum(info.file_size for info in infos)
            if declared > budget.max_bytes:
                raise budget.too_large()
            if declared > max(_RATIO_FLOOR, MAX_COMPRESSION_RATIO * archive_size):
                raise InvalidPackageError(SUSPICIOUS_COMPRESSION, source=budget.source)
            plan: list[tuple[zipfile.ZipInfo, tuple[str, ...]]] = []
            files: set[tuple[str, ...]] = set()
            seen: set[tuple[str, ...]] = set()
            for info in infos:
                parts = _member_parts(info.filename)
                if parts is None or parts in seen:
                    raise InvalidPackageError(
                        UNSAFE_ENTRY, source=budget.source, entry=_shown(info.filename, 80)
                    )
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise InvalidPackageError(UNSUPPORTED_COMPRESSION, source=budget.source)
                seen.add(parts)
                if not info.is_dir():
                    files.add(parts)
                plan.append((info, parts))
            for _, parts in plan:
                if any(parts[:i] in files for i in range(1, len(parts))):
                    raise InvalidPackageError(
                        UNSAFE_ENTRY, source=budget.source, entry=_shown("/".join(parts), 80)
                    )
            dest.mkdir()
            for info, parts in plan:
                budget.add_file()
                target = dest.joinpath(*parts)
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as member:
                    _write_stream(member.read, target, budget, declared=info.file_size)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as err:
        raise InvalidPackageError(DAMAGED_ARCHIVE, source=budget.source) from err
    except RuntimeError as err:  # encrypted entries
        raise InvalidPackageError(DAMAGED_ARCHIVE, source=budget.source) from err


def _install_target(package_dir: Path, info: PackageInfo) -> Path:
    """Where ``info`` goes: proven to be a direct child of the package folder."""
    name = info.name
    root = package_dir.resolve()
    final = root / name
    if (
        not _FOLDER_NAME_RE.fullmatch(name)
        or final.parent != root
        or Path(os.path.normpath(final)) != final
        or final.name != name
    ):
        raise InvalidPackageError(UNSAFE_TARGET)
    return final


# --- install and remove -----------------------------------------------------------------


def install_package(
    source: Path,
    package_dir: Path,
    *,
    max_bytes: int = MAX_PACKAGE_BYTES,
    max_files: int = MAX_PACKAGE_FILES,
) -> PackageInfo:
    """Install an ``.argosmodel`` file or an unpacked package folder; return it installed.

    Replaces an installed package of the same pair only after the new one passed
    validation; a failed install leaves every installed package as it was.
    Every refusal is a :class:`PackageError`.
    """
    source = Path(source)
    shown = _shown(source.name or str(source), 120)
    try:
        return _install(source, package_dir, _Budget(shown, max_bytes, max_files))
    except PackageError:
        raise
    except (OSError, ValueError, RuntimeError) as err:
        raise PackageError(INSTALL_FAILED, reason=_reason(err)) from err


def _install(source: Path, package_dir: Path, budget: _Budget) -> PackageInfo:
    import zipfile

    package_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=package_dir))
    try:
        unpacked = staging / "unpacked"
        if source.is_dir():
            _copy_folder(source, unpacked, budget)
        elif source.is_file() and zipfile.is_zipfile(source):
            _extract_archive(source, unpacked, budget)
        elif source.exists():
            raise InvalidPackageError(NOT_ARCHIVE, source=budget.source)
        else:
            raise PackageError(NOT_FOUND, source=budget.source)
        root = _package_root(unpacked)
        info = validate_package(root)
        final = _install_target(package_dir, info)
        with _install_lock:
            old = None
            if os.path.lexists(final):
                old = staging / "previous"
                os.replace(final, old)
            try:
                os.replace(root, final)
            except OSError:
                if old is not None:
                    os.replace(old, final)
                raise
        return dataclasses.replace(info, path=final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_package(package: PackageInfo | tuple[str, str], package_dir: Path) -> None:
    """Remove an installed package (given as its info or as a (from, to) pair)."""
    pair = package.pair if isinstance(package, PackageInfo) else package
    matches = [p for p in installed_packages(package_dir) if p.pair == pair]
    if not matches:
        raise PackageError(NOT_INSTALLED, from_code=pair[0], to_code=pair[1])
    try:
        with _install_lock:
            for info in matches:
                assert info.path is not None
                trash = Path(tempfile.mkdtemp(prefix=".remove-", dir=package_dir))
                os.replace(info.path, trash / "package")
                shutil.rmtree(trash, ignore_errors=True)
    except OSError as err:
        raise PackageError(REMOVE_FAILED, reason=_reason(err)) from err


# --- the package index -----------------------------------------------------------


def _open(url: str, timeout: float) -> Any:
    import urllib.parse
    import urllib.request

    parsed = urllib.parse.urlparse(url)
    if parsed.scheme in ("", "file") and not url.startswith(("http:", "https:")):
        path = Path(urllib.parse.unquote(parsed.path) if parsed.scheme == "file" else url)
        return open(path, "rb")  # closed by the caller's with
    request = urllib.request.Request(url, headers={"User-Agent": "support-console"})
    return urllib.request.urlopen(request, timeout=timeout)


def fetch_index(url: str = DEFAULT_INDEX_URL, *, timeout: float = 30.0) -> list[PackageInfo]:
    """Read an argospm index (``index.json``; a folder URL gets ``index.json`` appended).

    Entries whose codes, names, versions or links are not valid are left out.
    """
    import http.client

    if url.endswith("/"):
        url += "index.json"
    shown = _shown(url, 200)
    try:
        with _open(url, timeout) as response:
            raw: bytes = response.read(MAX_INDEX_BYTES + 1)
        if len(raw) > MAX_INDEX_BYTES:
            raise PackageError(INDEX_TOO_LARGE, url=shown)
        data = json.loads(raw.decode("utf-8"))
    except PackageError:
        raise
    except (OSError, http.client.HTTPException) as err:
        raise PackageError(INDEX_UNREADABLE, url=shown, reason=_reason(err)) from err
    except (ValueError, RecursionError) as err:
        raise PackageError(
            INDEX_UNREADABLE, url=shown, reason="it is not a valid package list"
        ) from err
    if not isinstance(data, list):
        raise PackageError(INDEX_NOT_LIST, url=shown)
    entries = []
    for item in data:
        if not isinstance(item, dict):
            continue
        try:
            info = PackageInfo.from_metadata(item)
        except InvalidPackageError:
            continue
        if info.type == "translate" and info.links:
            entries.append(info)
    return entries


def download_package(
    package: PackageInfo,
    dest_dir: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    timeout: float = 60.0,
    chunk_size: int = 1 << 16,
    max_bytes: int = MAX_PACKAGE_BYTES,
) -> Path:
    """Download a package from its first working link into ``dest_dir``; return the file.

    Verifies the length the server announced and the index's sha256 when given,
    and stops at ``max_bytes``; a failed, truncated, oversized, mismatching or
    cancelled download leaves no file behind.
    """
    import http.client

    name = package.name
    if not package.links:
        raise DownloadError(NO_LINK, name=name)
    if not _FOLDER_NAME_RE.fullmatch(name):  # PackageInfo validates; this names a file
        raise DownloadError(UNSAFE_TARGET)
    dest_dir.mkdir(parents=True, exist_ok=True)
    final = dest_dir / f"{name}.argosmodel"
    errors: list[DownloadError] = []
    for link in package.links:
        partial = dest_dir / f".{name}.{os.getpid()}.part"
        try:
            digest = hashlib.sha256()
            received = 0
            with _open(link, timeout) as response, open(partial, "wb") as out:
                length = getattr(response, "headers", {}).get("Content-Length")
                total = int(length) if length and str(length).isdigit() else None
                if total is not None and total > max_bytes:
                    raise DownloadError(DOWNLOAD_TOO_LARGE, name=name, limit=_size_text(max_bytes))
                if progress is not None:
                    progress(0, total)
                while True:
                    if cancel is not None and cancel.is_set():
                        raise DownloadCancelled(DOWNLOAD_CANCELLED, name=name)
                    chunk = response.read(chunk_size)
                    if not chunk:
                        break
                    received += len(chunk)
                    if received > max_bytes:
                        raise DownloadError(
                            DOWNLOAD_TOO_LARGE, name=name, limit=_size_text(max_bytes)
                        )
                    out.write(chunk)
                    digest.update(chunk)
                    if progress is not None:
                        progress(received, total)
            if total is not None and received != total:
                raise DownloadError(DOWNLOAD_TRUNCATED, name=name, received=received, total=total)
            if package.checksum and digest.hexdigest() != package.checksum:
                raise DownloadError(CHECKSUM_MISMATCH, name=name)
            os.replace(partial, final)
            return final
        except DownloadCancelled:
            partial.unlink(missing_ok=True)
            raise
        except DownloadError as err:
            partial.unlink(missing_ok=True)
            errors.append(err)
        except (OSError, ValueError, http.client.HTTPException) as err:  # urllib: OSError
            partial.unlink(missing_ok=True)
            errors.append(DownloadError(DOWNLOAD_FAILED, name=name, reason=_reason(err)))
    if len(errors) == 1:
        raise errors[0]
    raise DownloadError(
        DOWNLOAD_FAILED, name=name, reason="; ".join(str(err).rstrip(".") for err in errors)
    )


def install_from_index(
    package: PackageInfo,
    package_dir: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    timeout: float = 60.0,
    max_bytes: int = MAX_PACKAGE_BYTES,
) -> PackageInfo:
    """Download an index entry and install it; the download is deleted afterwards."""
    package_dir.mkdir(parents=True, exist_ok=True)
    downloads = Path(tempfile.mkdtemp(prefix=".download-", dir=package_dir))
    try:
        path = download_package(
            package,
            downloads,
            progress=progress,
            cancel=cancel,
            timeout=timeout,
            max_bytes=max_bytes,
        )
        return install_package(path, package_dir, max_bytes=max_bytes)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(downloads)
