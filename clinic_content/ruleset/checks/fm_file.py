"""FM005–FM007, FM011: the file itself — UTF-8 text, not binary, not empty, not too large.
"""

from __future__ import annotations

from ...core.diagnostics import Severity
from ..rule import LoadProblemRule, T
from .fm_support import GOOD_POST, SCHEMA_SOURCE


class NotUtf8(LoadProblemRule):
    id = "FM005"
    name = "not-utf8"
    summary = T("Файл не в кодировке UTF-8", "File is not UTF-8")
    doc = T(
        "Посты хранятся в UTF-8. Файл, сохранённый в Windows-1251, KOI8-R или UTF-16, "
        "отобразится на площадке кракозябрами. Пересохраните файл в UTF-8 (в VS Code: "
        "«Reopen with Encoding», затем «Save with Encoding → UTF-8»). Здесь же — файл, который "
        "нельзя прочитать: символическая ссылка за пределы репозитория или не обычный файл (FIFO, "
        "устройство). Такой файл не открывается вовсе, а цель ссылки не называется (docs/security.md).",
        "Posts are stored as UTF-8. A file saved as Windows-1251, KOI8-R or UTF-16 shows up as "
        "mojibake. Re-save it as UTF-8 (VS Code: Reopen with Encoding, then Save with Encoding → UTF-8). "
        "A file that cannot be read is reported here too: a symlink leading outside the repository or "
        "something that is not a regular file (a FIFO, a device). It is never opened and the link's "
        "target is never named (docs/security.md).",
    )
    source = "RFC 3629 (UTF-8); " + SCHEMA_SOURCE
    messages = {
        "encoding": T("Файл не в UTF-8 (похоже на {encoding}); пересохраните в UTF-8",
                      "File is not UTF-8 (looks like {encoding}); re-save it as UTF-8"),
        "bom": T("Файл в кодировке {encoding}; пересохраните в UTF-8",
                 "File is encoded as {encoding}; re-save it as UTF-8"),
        "unreadable": T("Файл не читается: {error}", "Cannot read the file: {error}"),
        "outside": T("Файл не прочитан: это символическая ссылка за пределы репозитория",
                     "Not read: the file is a symlink leading outside the repository"),
        "special": T("Файл не прочитан: это не обычный файл (устройство, FIFO, сокет или папка)",
                     "Not read: not a regular file (a device, FIFO, socket or folder)"),
        "truncated": T("Файл в UTF-8 обрезан посередине символа (байт {byte}); восстановите конец файла",
                       "The UTF-8 file is cut off in the middle of a character (byte {byte}); restore its end"),
        "default": T("Файл не в UTF-8", "File is not UTF-8"),
    }
    bad_example = "(a file saved in Windows-1251)"
    good_example = GOOD_POST


class BinaryFile(LoadProblemRule):
    id = "FM006"
    name = "binary-file"
    summary = T("Двоичный файл вместо текста поста", "Binary file instead of a post")
    doc = T(
        "Файл содержит нулевые байты: это не текст (картинка, документ Word или файл UTF-16). "
        "Картинки кладите в media/ и ссылайтесь на них из `media:`.",
        "The file contains NUL bytes: it is not text (an image, a Word document or a UTF-16 file). "
        "Put images in media/ and reference them from `media:`.",
    )
    source = SCHEMA_SOURCE
    messages = {"default": T("Двоичный файл, а не текст поста", "Binary file, not a post")}
    bad_example = "(a .md file that is really a PNG)"
    good_example = GOOD_POST


class EmptyFile(LoadProblemRule):
    id = "FM007"
    name = "empty-file"
    default_severity = Severity.WARNING
    summary = T("Пустой файл", "Empty file")
    doc = T("Файл пуст. Удалите его или заполните пост.", "The file is empty. Delete it or write the post.")
    source = SCHEMA_SOURCE
    messages = {"default": T("Пустой файл", "Empty file")}
    bad_example = ""
    good_example = GOOD_POST


class FileTooLarge(LoadProblemRule):
    id = "FM011"
    name = "file-too-large"
    summary = T("Файл поста слишком большой", "Post file too large")
    doc = T(
        "Пост больше лимита `max-file-size` (по умолчанию 1 000 000 байт) не разбирается: "
        "ни одна площадка не примет такой текст, а в CI это защита от мусора.",
        "A post larger than `max-file-size` (default 1,000,000 bytes) is not parsed: no platform "
        "accepts such a text, and in CI it guards against junk.",
    )
    source = SCHEMA_SOURCE
    messages = {"default": T("Файл {size} байт больше лимита {limit} байт",
                             "File of {size} bytes exceeds the limit of {limit} bytes")}
    bad_example = "(a 10 MB post)"
    good_example = GOOD_POST
