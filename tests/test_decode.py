"""Reading bytes: encodings are detected and recorded; what is not text is refused."""

import codecs

import pytest

from pipeline.decode import decode
from pipeline.errors import InputError

TEXT = "Liaoning Province held a meeting on 16 May. 沈阳市 renovated 220,000 homes."


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_decode_detects_and_records_the_encoding(data, encoding):
    text, found = decode(data)
    assert text == TEXT
    assert found == encoding


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\t \r\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"PK\x03\x04" + bytes(range(256)) * 4, "ZIP"),
        (bytes(range(256)) * 20, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4, "a PDF document"),  # compressed
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", "a PDF document"),  # saved as text
        (b"\xef\xbb\xbf\n%PDF-1.4\n1 0 obj\n<< >>\nendobj\n", "pdftotext"),
    ],
)
def test_decode_refuses_what_is_not_text(data, message):
    with pytest.raises(InputError, match=message):
        decode(data, "f.txt")


def test_decode_keeps_a_text_starting_like_a_magic_number():
    text, _ = decode(b"MZ Wang, the county head, spoke.\n")
    assert text.startswith("MZ Wang")
