"""Hostile Argos packages: nothing escapes the package folder, every refusal is readable.

Each attack is a real package (built once per session by ``argos_builder``) with
its metadata, files or archive bent by the test; installs run through the real
unpacking, validation and, for the index, a real HTTP server on loopback.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import os
import shutil
import stat
import struct
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from translation.argos_builder import zip_package
from translation.packages import (
    TEMPLATES,
    DownloadError,
    InvalidPackageError,
    PackageError,
    _Budget,
    _write_stream,
    fetch_index,
    install_from_index,
    install_package,
    installed_packages,
    remove_package,
    scan_installed,
)


def _snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every entry under ``root``: kind and content hash (links and pipes are not followed)."""
    seen: dict[str, tuple[str, str]] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            mode = path.lstat().st_mode
            key = path.relative_to(root).as_posix()
            if stat.S_ISLNK(mode):
                seen[key] = ("link", os.readlink(path))
            elif stat.S_ISDIR(mode):
                seen[key] = ("dir", "")
            elif stat.S_ISREG(mode):
                seen[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                seen[key] = ("other", "")
    return seen


def _variant(built: Path, dest: Path, **metadata: object) -> Path:
    """A copy of a built package folder with metadata.json fields replaced."""
    folder = dest / built.name
    shutil.copytree(built, folder)
    data = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    data.update(metadata)
    (folder / "metadata.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def _assert_readable(err: PackageError, *private: Path) -> str:
    text = str(err)
    assert err.code in TEMPLATES and text == err.text
    assert text[:1].isupper() and text.endswith("."), text
    assert all(isinstance(v, str) for v in err.params.values())
    for forbidden in (".install-", ".download-", "Traceback", "Error(", "\x00"):
        assert forbidden not in text, text
    for path in private:
        assert str(path) not in text, text
    return text


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A folder next to the package folder that a traversal would replace."""
    folder = tmp_path / "victim_en"
    folder.mkdir()
    (folder / "keep.txt").write_text("precious")
    return folder


HOSTILE_METADATA = [
    ("from_code", "de_en/../../victim"),  # translate-de_en/../../victim_en = victim
    ("from_code", "../x"),
    ("from_code", "/etc/passwd"),
    ("from_code", "de\x00"),
    ("from_code", "e" * 300),
    ("to_code", "en/../../../victim"),
    ("type", "../../victim"),
    ("package_version", "9" * 10_000),
    ("package_version", "1.0; rm -rf"),
    ("argos_version", "1" * 5000),
    ("from_name", "German\u202eevil"),
    ("to_name", "x" * 10_000),
    ("target_prefix", "\x1b[31m"),
]


@pytest.mark.parametrize("as_archive", [False, True], ids=["folder", "archive"])
@pytest.mark.parametrize(("field", "value"), HOSTILE_METADATA, ids=lambda v: str(v)[:20])
def test_hostile_metadata_is_refused_and_touches_nothing(
    tmp_path: Path,
    package_dir: Path,
    built_packages: dict[str, Path],
    victim: Path,
    field: str,
    value: str,
    as_archive: bool,
) -> None:
    source = _variant(built_packages["de_en"], tmp_path / "src", **{field: value})
    if as_archive:
        source = zip_package(source, tmp_path / "hostile.argosmodel")
    before = _snapshot(tmp_path)
    with pytest.raises(InvalidPackageError) as caught:
        install_package(source, package_dir)
    err = caught.value
    assert err.code == "package.bad_field" and err.params["field"] == field
    text = _assert_readable(err, package_dir)
    assert len(text) < 300
    assert _snapshot(tmp_path) == before  # the victim, the installed packages, everything
    assert sorted(p.pair for p in installed_packages(package_dir)) == [("de", "en"), ("en", "fr")]


def test_metadata_without_codes_or_with_odd_types_is_refused(
    tmp_path: Path, package_dir: Path, built_packages: dict[str, Path]
) -> None:
    cases: list[dict[str, object]] = [
        {"from_code": None},
        {"to_code": ["en"]},
        {"package_version": {"major": 1}},
        {"links": "http://example.invalid/x"},
    ]
    before = _snapshot(package_dir)
    for number, metadata in enumerate(cases):
        source = _variant(built_packages["de_en"], tmp_path / f"odd{number}", **metadata)
        with pytest.raises(InvalidPackageError) as caught:
            install_package(source, package_dir)
        assert caught.value.code in ("package.missing_field", "package.bad_field")
        _assert_readable(caught.value, package_dir, tmp_path)
    assert _snapshot(package_dir) == before


# --- the index on loopback ---------------------------------------------------------


class _Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = site.root / self.path.lstrip("/")
                if not path.is_file():
                    self.send_error(404)
                    return
                data = path.read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def publish(self, archive: Path, **entry: object) -> None:
        shutil.copy(archive, self.root / archive.name)
        item = {
            "package_version": "1.0",
            "argos_version": "1.9",
            "from_code": "de",
            "to_code": "en",
            "links": [f"{self.url}/{archive.name}"],
            "sha256": hashlib.sha256(archive.read_bytes()).hexdigest(),
            **entry,
        }
        index = self.root / "index.json"
        items = json.loads(index.read_text()) if index.exists() else []
        index.write_text(json.dumps([*items, item]))


@pytest.fixture
def site(tmp_path: Path) -> Iterator[_Site]:
    root = tmp_path / "site"
    root.mkdir()
    served = _Site(root)
    yield served
    served.httpd.shutdown()
    served.httpd.server_close()


def test_traversal_through_the_index_with_a_matching_checksum_is_refused(
    tmp_path: Path,
    package_dir: Path,
    built_packages: dict[str, Path],
    victim: Path,
    site: _Site,
) -> None:
    folder = _variant(built_packages["de_en"], tmp_path / "src", from_code="de_en/../../victim")
    site.publish(zip_package(folder, tmp_path / "translate-de_en-1_0.argosmodel"))
    # an entry whose own codes are hostile never reaches the caller
    site.publish(zip_package(folder, tmp_path / "other.argosmodel"), from_code="../../victim")
    [entry] = fetch_index(site.url + "/")
    assert entry.pair == ("de", "en")
    before = _snapshot(tmp_path)
    with pytest.raises(InvalidPackageError) as caught:
        install_from_index(entry, package_dir)
    assert caught.value.code == "package.bad_field"
    _assert_readable(caught.value, package_dir, tmp_path)
    assert _snapshot(tmp_path) == before
    assert (victim / "keep.txt").read_text() == "precious"


def test_oversized_download_is_stopped(
    tmp_path: Path, package_dir: Path, built_archives: dict[str, Path], site: _Site
) -> None:
    site.publish(built_archives["de_en"])
    [entry] = fetch_index(site.url + "/index.json")
    before = _snapshot(package_dir)
    with pytest.raises(DownloadError) as caught:
        install_from_index(entry, package_dir, max_bytes=1000)
    assert caught.value.code == "package.download_too_large"
    _assert_readable(caught.value, package_dir, tmp_path)
    assert _snapshot(package_dir) == before


# --- the listing survives bad folders on disk ------------------------------------------


def test_listing_skips_and_reports_bad_folders(
    tmp_path: Path, package_dir: Path, built_packages: dict[str, Path]
) -> None:
    huge = _variant(built_packages["fr_en"], tmp_path / "huge", package_version="9" * 10_000)
    shutil.copytree(huge, package_dir / "translate-fr_en")
    piped = package_dir / "translate-zz_en"
    piped.mkdir()
    os.mkfifo(piped / "metadata.json")  # reading it would block forever
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"from_code": "xx", "to_code": "en"}))
    linked = package_dir / "translate-xx_en"
    linked.mkdir()
    (linked / "metadata.json").symlink_to(secret)
    (package_dir / "translate-deep").mkdir()
    (package_dir / "translate-deep" / "metadata.json").write_text("[" * 100_000)
    (package_dir / "translate-empty").mkdir()

    found, skipped = scan_installed(package_dir)
    assert [p.pair for p in found] == [("en", "fr"), ("de", "en")]
    assert {s.name: s.problem.code for s in skipped} == {
        "translate-deep": "package.bad_metadata",
        "translate-empty": "package.no_metadata",
        "translate-fr_en": "package.bad_field",
        "translate-xx_en": "package.bad_metadata",
        "translate-zz_en": "package.bad_metadata",
    }
    for item in skipped:
        _assert_readable(item.problem, package_dir, tmp_path)
    assert sorted(p.pair for p in installed_packages(package_dir)) == [("de", "en"), ("en", "fr")]
    remove_package(("en", "fr"), package_dir)  # the rest keeps working
    assert [p.pair for p in installed_packages(package_dir)] == [("de", "en")]


# --- folder installs and links ---------------------------------------------------------


def test_folder_links_out_of_the_folder_are_refused(
    tmp_path: Path, package_dir: Path, built_packages: dict[str, Path]
) -> None:
    secret = tmp_path / "shadow"
    secret.write_bytes(b"root:TOP-SECRET-HASH")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "loot.txt").write_bytes(b"TOP-SECRET-LOOT")

    file_link = _variant(built_packages["de_en"], tmp_path / "a")
    (file_link / "README.md").unlink()
    (file_link / "README.md").symlink_to(secret)
    dir_link = _variant(built_packages["de_en"], tmp_path / "b")
    (dir_link / "model" / "extra").symlink_to(outside, target_is_directory=True)
    relative = _variant(built_packages["de_en"], tmp_path / "c")
    (relative / "notes").symlink_to("../../shadow")
    dangling = _variant(built_packages["de_en"], tmp_path / "d")
    (dangling / "gone").symlink_to(tmp_path / "nowhere")
    piped = _variant(built_packages["de_en"], tmp_path / "e")
    os.mkfifo(piped / "pipe")

    before = _snapshot(tmp_path)
    for source, code in [
        (file_link, "package.link_outside"),
        (dir_link, "package.link_outside"),
        (relative, "package.link_outside"),
        (dangling, "package.link_outside"),
        (piped, "package.special_file"),
    ]:
        with pytest.raises(InvalidPackageError) as caught:
            install_package(source, package_dir)
        assert caught.value.code == code, source
        text = _assert_readable(caught.value, package_dir, tmp_path)
        assert "de_en" in text  # names the folder the person chose
    assert _snapshot(tmp_path) == before
    for path in package_dir.rglob("*"):
        assert not path.is_symlink()
        if path.is_file():
            assert b"TOP-SECRET" not in path.read_bytes()


def test_links_inside_the_folder_are_copied_as_files(
    tmp_path: Path, built_packages: dict[str, Path]
) -> None:
    folder = _variant(built_packages["de_en"], tmp_path / "src")
    (folder / "README-copy.md").symlink_to("README.md")
    info = install_package(folder, tmp_path / "pk")
    assert info.path is not None
    copy = info.path / "README-copy.md"
    assert not copy.is_symlink() and copy.read_bytes() == (folder / "README.md").read_bytes()


# --- archives: size, count and lying headers ---------------------------------------------


def _bomb(path: Path, zeros: int, *, metadata: Path) -> Path:
    """A small zip holding ``zeros`` bytes of zeros, deflated, beside real metadata."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.write(metadata, "translate-de_en/metadata.json")
        with out.open("translate-de_en/model/model.bin", "w", force_zip64=True) as member:
            block = bytes(1 << 20)
            for _ in range(zeros >> 20):
                member.write(block)
    return path


def test_zip_bomb_is_refused_before_it_is_expanded(
    tmp_path: Path, package_dir: Path, built_packages: dict[str, Path]
) -> None:
    bomb = _bomb(
        tmp_path / "bomb.argosmodel",
        128 << 20,
        metadata=built_packages["de_en"] / "metadata.json",
    )
    assert bomb.stat().st_size < 1 << 20
    before = _snapshot(tmp_path)
    with pytest.raises(InvalidPackageError) as caught:
        install_package(bomb, package_dir)
    assert caught.value.code == "package.suspicious_compression"
    assert "bomb.argosmodel" in _assert_readable(caught.value, package_dir, tmp_path)
    assert _snapshot(tmp_path) == before


def test_size_and_count_limits(
    tmp_path: Path,
    package_dir: Path,
    built_packages: dict[str, Path],
    built_archives: dict[str, Path],
) -> None:
    before = _snapshot(tmp_path)
    cases = [
        (built_archives["de_en"], {"max_bytes": 100_000}, "package.too_large"),
        (built_packages["de_en"], {"max_bytes": 100_000}, "package.too_large"),
        (built_archives["de_en"], {"max_files": 3}, "package.too_many_files"),
        (built_packages["de_en"], {"max_files": 3}, "package.too_many_files"),
    ]
    for source, limits, code in cases:
        with pytest.raises(InvalidPackageError) as caught:
            install_package(source, package_dir, **limits)
        assert caught.value.code == code
        _assert_readable(caught.value, package_dir, tmp_path)
    assert _snapshot(tmp_path) == before
    # the same package within the limits installs
    assert install_package(built_archives["fr_en"], package_dir, max_files=20).pair == ("fr", "en")


def _set_uncompressed_size(data: bytearray, name: bytes, size: int) -> None:
    """Rewrite the uncompressed size of entry ``name`` in its local and central headers."""
    local = data.find(b"PK\x03\x04")
    while local >= 0:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30 : local + 30 + name_length]) == name:
            struct.pack_into("<I", data, local + 22, size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_length]) == name:
            struct.pack_into("<I", data, central + 24, size)
        central = data.find(b"PK\x01\x02", central + 4)


def test_zip_whose_headers_understate_the_size_is_refused(
    tmp_path: Path, package_dir: Path, built_packages: dict[str, Path]
) -> None:
    liar = tmp_path / "liar.argosmodel"
    with zipfile.ZipFile(liar, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.write(built_packages["de_en"] / "metadata.json", "translate-de_en/metadata.json")
        out.writestr("translate-de_en/model/model.bin", bytes(32 << 20))
    data = bytearray(liar.read_bytes())
    _set_uncompressed_size(data, b"translate-de_en/model/model.bin", 1000)
    liar.write_bytes(bytes(data))
    with zipfile.ZipFile(liar) as check:  # the lie is what the archive now says
        assert check.getinfo("translate-de_en/model/model.bin").file_size == 1000
    before = _snapshot(tmp_path)
    with pytest.raises(InvalidPackageError) as caught:
        install_package(liar, package_dir)
    assert caught.value.code in ("package.damaged_archive", "package.suspicious_compression")
    _assert_readable(caught.value, package_dir, tmp_path)
    assert _snapshot(tmp_path) == before


def test_many_small_compressed_entries_count_as_one_bomb(
    tmp_path: Path, package_dir: Path, built_packages: dict[str, Path]
) -> None:
    spread = tmp_path / "spread.argosmodel"
    with zipfile.ZipFile(spread, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.write(built_packages["de_en"] / "metadata.json", "translate-de_en/metadata.json")
        block = bytes(1 << 20)
        for number in range(100):  # each entry is small; together 100 MiB from ~100 KiB
            out.writestr(f"translate-de_en/model/part{number}.bin", block)
    before = _snapshot(tmp_path)
    with pytest.raises(InvalidPackageError) as caught:
        install_package(spread, package_dir)
    assert caught.value.code == "package.suspicious_compression"
    assert _snapshot(tmp_path) == before


def test_writing_stops_at_the_limit_whatever_the_headers_say(tmp_path: Path) -> None:
    """The stream guard under the archive checks: bytes are counted as they are written."""
    target = tmp_path / "out.bin"
    with pytest.raises(InvalidPackageError) as caught:
        _write_stream(io.BytesIO(bytes(3 << 20)).read, target, _Budget("x.zip", 1 << 30, 9), 1000)
    assert caught.value.code == "package.suspicious_compression"
    assert target.stat().st_size == 0  # refused before the first oversized chunk was written
    budget = _Budget("x.zip", (1 << 20) + 10, 9)
    with pytest.raises(InvalidPackageError) as caught:
        _write_stream(io.BytesIO(bytes(5 << 20)).read, tmp_path / "two.bin", budget, None)
    assert caught.value.code == "package.too_large"
    assert (tmp_path / "two.bin").stat().st_size == 1 << 20  # one chunk, then the limit


@pytest.mark.parametrize(
    "entries",
    [
        {"../evil.txt": b"x"},
        {"/abs/evil.txt": b"x"},
        {"translate-de_en/../../evil.txt": b"x"},
        {"translate-de_en\\..\\..\\evil.txt": b"x"},
        {"C:/evil.txt": b"x"},
        {"translate-de_en/a": b"x", "translate-de_en/a/b": b"y"},
    ],
    ids=["parent", "absolute", "nested-parent", "backslash", "drive", "file-as-folder"],
)
def test_unsafe_archive_entries_are_refused(
    tmp_path: Path,
    package_dir: Path,
    built_packages: dict[str, Path],
    entries: dict[str, bytes],
) -> None:
    archive = tmp_path / "entries.argosmodel"
    zip_package(built_packages["de_en"], archive)
    with zipfile.ZipFile(archive, "a") as out:
        for name, content in entries.items():
            out.writestr(zipfile.ZipInfo(name), content)
    before = _snapshot(tmp_path)
    with pytest.raises(InvalidPackageError) as caught:
        install_package(archive, package_dir)
    assert caught.value.code == "package.unsafe_entry"
    _assert_readable(caught.value, package_dir, tmp_path)
    assert _snapshot(tmp_path) == before
    assert not (tmp_path / "evil.txt").exists()


def test_other_compressions_are_refused(
    tmp_path: Path, package_dir: Path, built_packages: dict[str, Path]
) -> None:
    archive = tmp_path / "bz.argosmodel"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_BZIP2) as out:
        for path in sorted(built_packages["de_en"].rglob("*")):
            if path.is_file():
                out.write(
                    path, "translate-de_en/" + path.relative_to(built_packages["de_en"]).as_posix()
                )
    with pytest.raises(InvalidPackageError) as caught:
        install_package(archive, package_dir)
    assert caught.value.code == "package.unsupported_compression"
    _assert_readable(caught.value, package_dir, tmp_path)


# --- errors are data ---------------------------------------------------------------------


def test_missing_source_names_only_the_chosen_file(tmp_path: Path, package_dir: Path) -> None:
    with pytest.raises(PackageError) as caught:
        install_package(tmp_path / "nothing-here.argosmodel", package_dir)
    assert caught.value.code == "package.not_found"
    assert caught.value.params == {"source": "nothing-here.argosmodel"}
    assert "nothing-here.argosmodel" in _assert_readable(caught.value, tmp_path)


def test_package_error_is_a_code_with_plain_params() -> None:
    err = DownloadError("package.download_truncated", name="translate-de_en", received=5, total=9)
    assert err.params == {"name": "translate-de_en", "received": "5", "total": "9"}
    assert str(err) == "The download of translate-de_en stopped early (5 of 9 bytes)."
    free = PackageError("Something went wrong.")
    assert free.code == "package.other" and str(free) == "Something went wrong."
    import pickle

    again = pickle.loads(pickle.dumps(err))
    assert type(again) is DownloadError and again.params == err.params
