"""Bytes to text: detect the encoding, refuse what is not text (a web page is text: see extract.py)."""

from __future__ import annotations

import codecs

from .errors import InputError

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"\x7fELF": "an executable",
    b"MZ": "a Windows executable",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"RIFF": "a RIFF (audio or video) file",
    b"\x00\x00\x01\x00": "an icon",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Encodings tried, in order, when the bytes are not UTF-8.
_FALLBACKS = ("gb18030", "big5", "shift_jis", "euc-kr")


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`InputError` for what is not text."""
    if not data:
        raise InputError("file is empty", path)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n\x00")[:5] == b"%PDF-":  # compressed or saved as plain text alike
        raise InputError("a PDF document, not a text article (extract its text first, e.g. with pdftotext)", path)
    for magic, what in _MAGIC.items():
        if data.startswith(magic) and not _looks_textual_prefix(data):
            raise InputError(f"binary file ({what}), not a text article", path)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], name, path), name + "-sig" if name == "utf-8" else name
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, path), utf16
    if data.count(0) > len(data) // 100:
        raise InputError("binary file (contains NUL bytes), not a text article", path)
    head = data[:65536]
    if sum(b < 9 or 13 < b < 27 or 27 < b < 32 for b in head) > len(head) // 20:
        raise InputError("binary file (too many control bytes), not a text article", path)
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as exc:
        mostly_utf8 = _mostly_utf8(data, exc)
    if mostly_utf8 is not None:
        return _check_text(mostly_utf8[0], path), mostly_utf8[1]
    return _guess(data, path)


def _mostly_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[str, str] | None:
    """UTF-8 with a character cut off at the end, or a few bad bytes: keep it, and say so."""
    if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
        return data[: exc.start].decode("utf-8"), f"utf-8 (truncated: last {len(data) - exc.start} bytes dropped)"
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(data) // 2000):
        return text, f"utf-8 ({bad} invalid bytes replaced by U+FFFD)"
    return None


def _looks_textual_prefix(data: bytes) -> bool:
    # "MZ" or "BZh" can start an ordinary English word; only refuse when the rest is binary too.
    head = data[:512]
    return b"\x00" not in head and sum(b < 9 or 13 < b < 32 for b in head) == 0


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even = even.count(0) / len(even)
    zeros_odd = odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, path: str | None) -> str:
    try:
        return _check_text(data.decode(encoding), path)
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode as {encoding}: bad bytes at offset {exc.start}", path) from None


def _guess(data: bytes, path: str | None) -> tuple[str, str]:
    for name in _FALLBACKS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return _check_text(text, path), name
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and _plausible(str(best)):
        return _check_text(str(best), path), best.encoding
    raise InputError("cannot decode: not UTF-8, UTF-16, GB18030 or another known encoding", path)


def _plausible(text: str) -> bool:
    """Reject decodings full of symbols or private-use characters."""
    if not text:
        return False
    odd = sum(1 for ch in text[:20000] if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    return odd / min(len(text), 20000) < 0.01


def _check_text(text: str, path: str | None) -> str:
    sample = text[:100000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\x7f")
    if sample and controls / len(sample) > 0.05:
        raise InputError("binary file (too many control characters), not a text article", path)
    if not text.strip():
        raise InputError("file has no text (only whitespace)", path)
    return text
