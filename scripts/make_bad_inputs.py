"""Write the bad-input suite: hostile or broken files the tool must refuse or survive.

    python scripts/make_bad_inputs.py tests/data/bad            # the small files (committed)
    python scripts/make_bad_inputs.py /tmp/bad --large          # plus the large ones (20 MB, 1 MB line, ...)

The expected outcome of every file is in tests/data/bad/EXPECTED.json.
"""

from __future__ import annotations

import argparse
import codecs
import io
import zipfile
from pathlib import Path

ENGLISH = (
    "On may 16, the county held a meeting on rural roads. About 0.1 billion yuan was spent, "
    "benefiting more than ,000 households.\n\nThe the roads will open in june.\n"
)
CHINESE = "5月16日，住房和城乡建设部在辽宁省沈阳市召开全国城镇老旧小区改造现场会。会议指出，各地区各有关部门积极推进改造工作。\n"


def small_files() -> dict[str, bytes]:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 2
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr(zipfile.ZipInfo("article.txt", date_time=(2024, 5, 17, 0, 0, 0)), ENGLISH)  # reproducible
    return {
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\n   \r\n",
        "image.txt": png,
        "archive.txt": zipped.getvalue(),
        "nul_and_controls.txt": ENGLISH.replace("meeting", "mee\x00ting")
        .replace("roads.", "roads.\x07\x1b[31m")
        .encode(),
        "truncated_utf8.txt": (ENGLISH + "沈阳").encode("utf-8")[:-2],
        "utf16_bom.txt": codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"),
        "utf16_nobom.txt": ENGLISH.encode("utf-16-le"),
        "gb18030.txt": (ENGLISH + CHINESE).encode("gb18030"),
        "mixed_zh_en.txt": (ENGLISH + "The 住房和城乡建设部 (Ministry of Housing) met in 沈阳 (Shenyang).\n").encode(),
        "untranslated_zh.txt": (CHINESE * 5).encode("utf-8"),
        "page.txt": b"<!DOCTYPE html><html><head><title>News</title><script>alert(1)</script></head>"
        b"<body><p>The county held a meeting.</p></body></html>",
        "emoji_rtl.txt": "The meeting 🎉 was held. مرحبا بالعالم said the guest. שלום.\n\nIt ended 👍.".encode(),
        "markup_injection.txt": (
            b"Title [click](javascript:alert(1))\n\nThe <script>alert('x')</script> meeting "
            b"was held | a | b |. ![img](http://x/y.png) **bold** `code`\n"
        ),
    }


def large_files() -> dict[str, bytes]:
    paragraph = (ENGLISH.replace("\n\n", " ") + "\n\n").encode()
    return {
        "huge_20mb.txt": paragraph * (20 * 1024 * 1024 // len(paragraph) + 1),
        "one_line_1mb.txt": b"x" * (1024 * 1024),
        "tiny_lines_100k.txt": b"a.\n" * 100_000,
        "word_million.txt": b"buffalo " * 1_000_000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--large", action="store_true", help="also write the large files")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    files = {**small_files(), **(large_files() if args.large else {})}
    for name, data in files.items():
        (args.folder / name).write_bytes(data)
    print(f"wrote {len(files)} files to {args.folder}")


if __name__ == "__main__":
    main()
