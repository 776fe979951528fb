"""Argos packages: install from file/folder/index, list, remove, errors, real inference."""

from __future__ import annotations

import hashlib
import http.server
import json
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from translation.argos import MIN_SENTENCE_COST, ArgosEngine, default_threads, length_chunks
from translation.engines import EngineError
from translation.packages import (
    DownloadCancelled,
    DownloadError,
    InvalidPackageError,
    PackageError,
    fetch_index,
    install_from_index,
    install_package,
    installed_packages,
    remove_package,
)


def test_install_from_archive_and_folder_then_list_and_remove(
    tmp_path: Path, built_archives: dict[str, Path], built_packages: dict[str, Path]
) -> None:
    target = tmp_path / "pk"
    info = install_package(built_archives["de_en"], target)
    assert info.pair == ("de", "en") and info.path == target / "translate-de_en"
    install_package(built_packages["fr_en"], target)
    assert sorted(p.pair for p in installed_packages(target)) == [("de", "en"), ("fr", "en")]
    remove_package(("de", "en"), target)
    assert [p.pair for p in installed_packages(target)] == [("fr", "en")]
    assert sorted(p.name for p in target.iterdir()) == ["translate-fr_en"]
    with pytest.raises(PackageError):
        remove_package(("de", "en"), target)


def test_argostranslate_reads_what_we_install(package_dir: Path) -> None:
    from argostranslate import package as argos_package  # settings go to the test's XDG dirs

    found = argos_package.get_installed_packages([package_dir])
    assert sorted((p.from_code, p.to_code) for p in found) == [("de", "en"), ("en", "fr")]


def _broken_variants(folder: Path, root: Path) -> dict[str, Path]:
    variants: dict[str, Path] = {}

    def copy(name: str) -> Path:
        target = root / name / folder.name
        shutil.copytree(folder, target)
        variants[name] = target
        return target

    (copy("no-metadata") / "metadata.json").unlink()
    (copy("bad-metadata") / "metadata.json").write_text("{not json")
    (copy("no-sentencepiece") / "sentencepiece.model").unlink()
    (copy("no-model") / "model" / "model.bin").unlink()
    weights = copy("truncated-model") / "model" / "model.bin"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    (copy("corrupt-spm") / "sentencepiece.model").write_bytes(b"garbage" * 10)
    return variants


def test_corrupt_or_incomplete_packages_leave_the_installed_one_working(
    tmp_path: Path, package_dir: Path, built_packages: dict[str, Path]
) -> None:
    engine = ArgosEngine(package_dir)
    before = engine.translate_batch(["Hallo"], "de", "en")
    for name, broken in _broken_variants(built_packages["de_en"], tmp_path / "broken").items():
        with pytest.raises(InvalidPackageError):
            install_package(broken, package_dir)
        assert sorted(p.name for p in package_dir.iterdir()) == [
            "translate-de_en",
            "translate-en_fr",
        ], name
    not_zip = tmp_path / "x.argosmodel"
    not_zip.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidPackageError):
        install_package(not_zip, package_dir)
    engine.refresh()
    assert engine.translate_batch(["Hallo"], "de", "en") == before


def test_truncated_archive_is_refused(
    tmp_path: Path, built_archives: dict[str, Path], package_dir: Path
) -> None:
    data = built_archives["de_en"].read_bytes()
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(InvalidPackageError):
        install_package(cut, package_dir)
    assert (package_dir / "translate-de_en" / "model" / "model.bin").exists()


def test_engine_loads_once_batches_and_bounds_threads(package_dir: Path) -> None:
    engine = ArgosEngine(package_dir, threads=2)
    model = engine.load("de", "en")
    assert engine.load("de", "en") is model
    assert model.translator.compute_type.startswith("int8")
    assert 1 <= default_threads() <= 4
    out = engine.translate_batch(["Hallo Welt. Wie geht es?", "Danke", "Paket!"], "de", "en")
    assert len(out) == 3 and all(out)
    # two sentences are translated separately and joined
    single = engine.translate_batch(["Hallo Welt.", "Wie geht es?"], "de", "en")
    assert out[0] == " ".join(single)
    with pytest.raises(EngineError):
        engine.translate_batch(["x"], "en", "de")


def test_target_prefix_is_used_and_removed(tmp_path: Path) -> None:
    from translation.argos_builder import build_package

    folder = build_package(tmp_path / "src", "en", "de", extra_metadata={"target_prefix": "▁w3"})
    install_package(folder, tmp_path / "pk")
    engine = ArgosEngine(tmp_path / "pk", max_length_ratio=0, max_length_extra=4)
    [text] = engine.translate_batch(["hello"], "en", "de")
    assert len(text.split()) <= 3 or not text.startswith("w3 ")


# --- the package index on loopback ------------------------------------------------


class _Server:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.lie_about_length: set[str] = set()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = server.root / self.path.lstrip("/")
                if not path.is_file():
                    self.send_error(404)
                    return
                data = path.read_bytes()
                self.send_response(200)
                length = len(data) * 2 if self.path in server.lie_about_length else len(data)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def index_server(tmp_path: Path, built_archives: dict[str, Path]) -> Iterator[_Server]:
    root = tmp_path / "site"
    root.mkdir()
    server = _Server(root)
    entries = []
    for name in ("de_en", "fr_en"):
        archive = built_archives[name]
        shutil.copy(archive, root / archive.name)
        source, target = name.split("_")
        entries.append(
            {
                "package_version": "1.0",
                "argos_version": "1.9",
                "from_code": source,
                "to_code": target,
                "from_name": source,
                "to_name": target,
                "links": [f"{server.url}/{archive.name}"],
                "sha256": hashlib.sha256(archive.read_bytes()).hexdigest(),
            }
        )
    entries.append({"type": "sbd", "from_code": "de", "to_code": "de", "links": ["x"]})
    (root / "index.json").write_text(json.dumps(entries))
    yield server
    server.close()


def test_index_download_with_progress_and_install(index_server: _Server, tmp_path: Path) -> None:
    available = fetch_index(index_server.url + "/")
    assert sorted(p.pair for p in available) == [("de", "en"), ("fr", "en")]
    seen: list[tuple[int, int | None]] = []
    info = install_from_index(
        next(p for p in available if p.pair == ("de", "en")),
        tmp_path / "pk",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert info.pair == ("de", "en")
    total = seen[-1][1]
    assert total and seen[-1][0] == total and seen[0] == (0, total)
    assert [p.pair for p in installed_packages(tmp_path / "pk")] == [("de", "en")]
    assert ArgosEngine(tmp_path / "pk").translate_batch(["Hallo"], "de", "en")[0]
    assert sorted(p.name for p in (tmp_path / "pk").iterdir()) == ["translate-de_en"]


def test_index_from_a_file_path(index_server: _Server) -> None:
    assert len(fetch_index(str(index_server.root / "index.json"))) == 2


def test_cancelled_download_leaves_nothing(index_server: _Server, tmp_path: Path) -> None:
    package = fetch_index(index_server.url + "/index.json")[0]
    cancel = threading.Event()

    def progress(done: int, total: int | None) -> None:
        if done > 0:
            cancel.set()

    with pytest.raises(DownloadCancelled):
        install_from_index(package, tmp_path / "pk", progress=progress, cancel=cancel)
    assert list((tmp_path / "pk").iterdir()) == []


def test_checksum_mismatch_is_refused(
    index_server: _Server, tmp_path: Path, package_dir: Path
) -> None:
    package = next(p for p in fetch_index(index_server.url + "/") if p.pair == ("de", "en"))
    archive = index_server.root / Path(package.links[0]).name
    with zipfile.ZipFile(archive, "a") as extra:
        extra.writestr("translate-de_en/NOTE.txt", "tampered")
    with pytest.raises(DownloadError, match="checksum"):
        install_from_index(package, package_dir)
    assert sorted(p.name for p in package_dir.iterdir()) == ["translate-de_en", "translate-en_fr"]


def test_truncated_download_is_refused(index_server: _Server, tmp_path: Path) -> None:
    package = next(p for p in fetch_index(index_server.url + "/") if p.pair == ("de", "en"))
    index_server.lie_about_length.add("/" + Path(package.links[0]).name)
    with pytest.raises(DownloadError):
        install_from_index(package, tmp_path / "pk")
    assert list((tmp_path / "pk").iterdir()) == []


def test_unreachable_index_is_a_package_error(tmp_path: Path) -> None:
    with pytest.raises(PackageError):
        fetch_index("http://127.0.0.1:9/index.json", timeout=2)
    with pytest.raises(PackageError):
        fetch_index(str(tmp_path / "missing.json"))


def test_many_sentences_are_decoded_in_chunks_by_parallel_workers(package_dir: Path) -> None:
    engine = ArgosEngine(
        package_dir, workers=2, max_batch_size=3,
        max_length_ratio=0, max_length_extra=6, min_length_ratio=0, min_length_extra=6,
    )  # fmt: skip
    texts = [f"Satz {'wort ' * n}ende." for n in range(11)]
    out = engine.translate_batch(texts, "de", "en")
    assert len(out) == 11 and all(out)
    assert engine.decoded_tokens == 6 * 11  # every sentence decoded exactly once, capped
    model = engine.load("de", "en")
    assert model.translator.num_translators == 2


@pytest.mark.parametrize(
    "lengths",
    [[], [5], [3, 40, 7, 7, 12, 1, 90, 20, 20, 20, 6], [10] * 50, list(range(60, 0, -1))],
)
def test_sentences_are_batched_by_length_within_the_budget(lengths: list[int]) -> None:
    chunks = length_chunks(lengths, max_tokens=64, max_sentences=4)
    assert sorted(i for chunk in chunks for i in chunk) == list(range(len(lengths)))
    flat = [lengths[i] for chunk in chunks for i in chunk]
    assert flat == sorted(flat)  # like lengths together, one decoding cap fits a batch
    for chunk in chunks:
        longest = max(max(lengths[i] for i in chunk), MIN_SENTENCE_COST)
        assert len(chunk) <= 4
        assert len(chunk) == 1 or len(chunk) * longest <= 64  # only a giant goes over, alone
