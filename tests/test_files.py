"""Files: reading inputs, the one atomic writer, safe output names, a writable output folder."""

from pathlib import Path

import pytest

from pipeline.errors import InputError, UsageError
from pipeline.files import ensure_writable_dir, read_input, safe_relative, write_atomic


def test_write_atomic_replaces_the_file_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "deep" / "out.json"
    write_atomic(target, "first")
    write_atomic(target, "second\n")
    assert target.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]


def test_read_input_refuses_what_it_cannot_read(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        read_input(tmp_path / "nope.txt", 100)
    with pytest.raises(UsageError, match="is a directory"):
        read_input(tmp_path, 100)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match="over the limit of 100"):
        read_input(big, 100)
    assert read_input(big, 101) == b"x" * 101


def test_an_output_folder_is_made_or_refused_in_one_line(tmp_path):
    ensure_writable_dir(tmp_path / "new" / "out")
    assert (tmp_path / "new" / "out").is_dir() and not list((tmp_path / "new" / "out").iterdir())
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        ensure_writable_dir(tmp_path / "file")
    with pytest.raises(InputError, match="cannot write to this folder"):
        ensure_writable_dir(tmp_path / "file" / "under")


def test_output_names_are_sanitised():
    assert safe_relative("../../etc/passwd.txt") == Path("etc/passwd.txt")
    assert safe_relative("/abs/x.txt") == Path("abs/x.txt")
    assert safe_relative("a\x07b/c?.txt") == Path("a_b/c_.txt")
    assert safe_relative("..") == Path("_")
