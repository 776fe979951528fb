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
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
"""argospm's public index; offline sites point ``index_url`` at their own file server."""

Progress = Callable[[int, int | None], None]
"""Called with (bytes received, total bytes or None when the server does not say)."""

_install_lock = threading.Lock()


class PackageError(Exception):
    """A package could not be read, downloaded, installed or removed."""


class InvalidPackageError(PackageError):
    """The package file or folder is corrupt or incomplete."""


class DownloadError(PackageError):
    """The download failed, was truncated, or its checksum did not match."""


class DownloadCancelled(PackageError):
    """The download was cancelled through its ``cancel`` event."""


@dataclass(frozen=True)
class PackageInfo:
    """Metadata of an installed package or of an index entry."""

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

    @property
    def pair(self) -> tuple[str, str]:
        return (self.from_code, self.to_code)

    @property
    def name(self) -> str:
        """argospm's name for the package (``translate-en_es``)."""
        return f"{self.type}-{self.from_code}_{self.to_code}"

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, Any], path: Path | None = None) -> PackageInfo:
        from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
        if not isinstance(from_code, str) or not isinstance(to_code, str):
            raise InvalidPackageError("metadata.json has no from_code/to_code")
        checksum = metadata.get("sha256") or metadata.get("checksum")
        links = metadata.get("links") or ()
        return cls(
            from_code=from_code,
            to_code=to_code,
            package_version=str(metadata.get("package_version", "")),
            argos_version=str(metadata.get("argos_version", "")),
            from_name=str(metadata.get("from_name", "")),
            to_name=str(metadata.get("to_name", "")),
            type=str(metadata.get("type", "translate")),
            target_prefix=str(metadata.get("target_prefix", "")),
            links=tuple(str(link) for link in links),
            checksum=str(checksum).lower() if checksum else None,
            path=path,
            metadata=dict(metadata),
        )


def _version_key(version: str) -> tuple[int, ...]:
    parts: list[int] = []
    for piece in version.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def read_package(folder: Path) -> PackageInfo:
    """Read an unpacked package's metadata (no validation of the model files)."""
    try:
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise InvalidPackageError(f"{folder.name}: no metadata.json") from err
    except (OSError, ValueError) as err:
        raise InvalidPackageError(f"{folder.name}: unreadable metadata.json ({err})") from err
    if not isinstance(metadata, dict):
        raise InvalidPackageError(f"{folder.name}: metadata.json is not an object")
    return PackageInfo.from_metadata(metadata, folder)


def installed_packages(package_dir: Path) -> list[PackageInfo]:
    """Installed translation packages, best (newest) first for each pair."""
    found: list[PackageInfo] = []
    if not package_dir.is_dir():
        return found
    for folder in sorted(package_dir.iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        try:
            info = read_package(folder)
        except InvalidPackageError:
            continue
        if info.type == "translate":
            found.append(info)
    found.sort(key=lambda p: (p.pair, _version_key(p.package_version)), reverse=True)
    return found


def validate_package(folder: Path, *, load: bool = True) -> PackageInfo:
    """Check that ``folder`` is a complete package; raise :class:`InvalidPackageError`.

    With ``load`` the CTranslate2 model and the SentencePiece model are loaded
    once, which catches truncated or corrupt weight files.
    """
    info = read_package(folder)
    if info.type != "translate":
        raise InvalidPackageError(f"{info.name}: not a translation package ({info.type})")
    model = folder / "model"
    if not (model / "model.bin").is_file() or (model / "model.bin").stat().st_size == 0:
        raise InvalidPackageError(f"{info.name}: model/model.bin is missing")
    if not (model / "config.json").is_file():
        raise InvalidPackageError(f"{info.name}: model/config.json is missing")
    vocabularies = list(model.glob("*vocabulary*"))
    if not vocabularies:
        raise InvalidPackageError(f"{info.name}: the model has no vocabulary file")
    spm_path = folder / "sentencepiece.model"
    if not spm_path.is_file():
        raise InvalidPackageError(f"{info.name}: sentencepiece.model is missing")
    if load:
        import ctranslate2
        import sentencepiece

        try:
            sentencepiece.SentencePieceProcessor(model_file=str(spm_path))
        except Exception as err:  # sentencepiece raises RuntimeError/OSError variants
            raise InvalidPackageError(f"{info.name}: sentencepiece.model is corrupt") from err
        try:
            translator = ctranslate2.Translator(
                str(model), device="cpu", compute_type="auto", intra_threads=1
            )
            del translator
        except Exception as err:  # ctranslate2 raises RuntimeError/ValueError variants
            raise InvalidPackageError(f"{info.name}: the model does not load ({err})") from err
    return info


def _package_root(unpacked: Path) -> Path:
    if (unpacked / "metadata.json").is_file():
        return unpacked
    children = [p for p in unpacked.iterdir() if p.is_dir() and not p.name.startswith("__")]
    if len(children) == 1 and (children[0] / "metadata.json").is_file():
        return children[0]
    raise InvalidPackageError("no metadata.json at the top of the package")


def install_package(source: Path, package_dir: Path) -> PackageInfo:
    """Install an ``.argosmodel`` file or an unpacked package folder; return it installed.

    Replaces an installed package of the same pair only after the new one passed
    validation.
    """
    import zipfile

    source = Path(source)
    package_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=package_dir))
    try:
        unpacked = staging / "unpacked"
        if source.is_dir():
            shutil.copytree(source, unpacked)
        elif zipfile.is_zipfile(source):
            try:
                with zipfile.ZipFile(source) as archive:
                    bad = archive.testzip()
                    if bad is not None:
                        raise InvalidPackageError(f"{source.name}: damaged entry {bad}")
                    for member in archive.namelist():
                        target = (unpacked / member).resolve()
                        if not target.is_relative_to(unpacked.resolve()):
                            raise InvalidPackageError(f"{source.name}: unsafe path {member}")
                    archive.extractall(unpacked)
            except (zipfile.BadZipFile, OSError, EOFError) as err:
                raise InvalidPackageError(f"{source.name}: damaged archive ({err})") from err
        elif source.exists():
            raise InvalidPackageError(f"{source.name}: not an .argosmodel (zip) file")
        else:
            raise PackageError(f"{source}: no such file or folder")
        root = _package_root(unpacked)
        info = validate_package(root)
        with _install_lock:
            final = package_dir / info.name
            old = None
            if final.exists():
                old = staging / "previous"
                os.replace(final, old)
            try:
                os.replace(root, final)
            except OSError:
                if old is not None:
                    os.replace(old, final)
                raise
        return read_package(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_package(package: PackageInfo | tuple[str, str], package_dir: Path) -> None:
    """Remove an installed package (given as its info or as a (from, to) pair)."""
    pair = package.pair if isinstance(package, PackageInfo) else package
    matches = [p for p in installed_packages(package_dir) if p.pair == pair]
    if not matches:
        raise PackageError(f"No installed package for {pair[0]}->{pair[1]}")
    with _install_lock:
        for info in matches:
            assert info.path is not None
            trash = Path(tempfile.mkdtemp(prefix=".remove-", dir=package_dir))
            os.replace(info.path, trash / "package")
            shutil.rmtree(trash, ignore_errors=True)


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
    """Read an argospm index (``index.json``; a folder URL gets ``index.json`` appended)."""
    if url.endswith("/"):
        url += "index.json"
    try:
        with _open(url, timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as err:
        raise PackageError(f"Cannot read the package index {url}: {err}") from err
    if not isinstance(data, list):
        raise PackageError(f"The package index {url} is not a list of packages")
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
) -> Path:
    """Download a package from its first working link into ``dest_dir``; return the file.

    Verifies the length the server announced and the index's sha256 when given;
    a failed, truncated, mismatching or cancelled download leaves no file behind.
    """
    import http.client

    if not package.links:
        raise DownloadError(f"{package.name}: the index gives no download link")
    dest_dir.mkdir(parents=True, exist_ok=True)
    final = dest_dir / f"{package.name}.argosmodel"
    errors: list[str] = []
    for link in package.links:
        partial = dest_dir / f".{package.name}.{os.getpid()}.part"
        try:
            digest = hashlib.sha256()
            received = 0
            with _open(link, timeout) as response, open(partial, "wb") as out:
                length = getattr(response, "headers", {}).get("Content-Length")
                total = int(length) if length and str(length).isdigit() else None
                if progress is not None:
                    progress(0, total)
                while True:
                    if cancel is not None and cancel.is_set():
                        raise DownloadCancelled(f"{package.name}: download cancelled")
                    chunk = response.read(chunk_size)
                    if not chunk:
                        break
                    out.write(chunk)
                    digest.update(chunk)
                    received += len(chunk)
                    if progress is not None:
                        progress(received, total)
            if total is not None and received != total:
                raise DownloadError(
                    f"{package.name}: download truncated ({received} of {total} bytes)"
                )
            if package.checksum and digest.hexdigest() != package.checksum:
                raise DownloadError(f"{package.name}: checksum mismatch (file corrupt)")
            os.replace(partial, final)
            return final
        except DownloadCancelled:
            partial.unlink(missing_ok=True)
            raise
        except DownloadError as err:
            partial.unlink(missing_ok=True)
            errors.append(str(err))
        except (OSError, ValueError, http.client.HTTPException) as err:  # urllib: OSError
            partial.unlink(missing_ok=True)
            errors.append(f"{link}: {err}")
    raise DownloadError("; ".join(errors))


def install_from_index(
    package: PackageInfo,
    package_dir: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    timeout: float = 60.0,
) -> PackageInfo:
    """Download an index entry and install it; the download is deleted afterwards."""
    package_dir.mkdir(parents=True, exist_ok=True)
    downloads = Path(tempfile.mkdtemp(prefix=".download-", dir=package_dir))
    try:
        path = download_package(
            package, downloads, progress=progress, cancel=cancel, timeout=timeout
        )
        return install_package(path, package_dir)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(downloads)
