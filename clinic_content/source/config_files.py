"""Finding and reading config files — the nearest one (ruff's rule), ``extend`` chains,
pyproject's table, the ``lang`` a broken config asks for — without pydantic: validating the
tables is ``config.py``'s job, so a run that only needs to know where the config is, or its
language, stays cheap."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from ..core.safe_open import read_bytes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


CONFIG_FILES = (".clinic-content.toml", "clinic-content.toml", "pyproject.toml")


MAX_CONFIG_BYTES = 4_000_000


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file, line and key.
    ``ru`` is the same message in Russian: a Russian run prints that one."""

    def __init__(self, message: str, ru: str | None = None) -> None:
        super().__init__(message)
        self.ru = ru or message

    def text(self, lang: str) -> str:
        return self.ru if lang == "ru" else str(self)


def _kebab(name: str) -> str:
    return name.replace("_", "-")


def _folders_up(start: Path) -> list[Path]:
    """``start`` (a folder) or the folder holding it, then its parents. A file's own symlink is
    not followed: a post linking out of the repository belongs to the repository it sits in."""
    folder = start.resolve() if start.is_dir() else Path(os.path.realpath(start.absolute().parent))
    return [folder, *folder.parents]


def find_config_file(start: Path) -> Path | None:
    """The nearest config file in ``start`` or its parents (pyproject.toml only with our table).
    Two config files in one folder are an error: one of them would be ignored without a word."""
    for folder in _folders_up(start):
        found = [folder / name for name in CONFIG_FILES
                 if os.path.lexists(folder / name) and (name != "pyproject.toml" or _has_our_table(folder / name))]
        if len(found) > 1:
            names = " and ".join(p.name for p in found)
            raise ConfigError(f"{found[0]}: {names} are both configs of {folder}: keep one (only the first would be read)",
                              f"{found[0]}: в папке {folder} два файла настроек ({names.replace(' and ', ' и ')}): "
                              "оставьте один (иначе второй молча не читался бы)")
        if found:
            return found[0]
    return None


def _contents(files: list[Path]) -> tuple[bytes, ...]:
    """The bytes of config files: a config edited during a long-lived process is reloaded."""
    try:
        return tuple(read_bytes(f, limit=MAX_CONFIG_BYTES) for f in files)
    except OSError as exc:
        raise ConfigError(f"cannot read config: {exc}", f"не удаётся прочитать файл настроек: {exc}") from exc


def project_root(start: Path) -> Path:
    """Root of a content repo without a config: the nearest folder with ``.git`` or
    ``consents.yaml``, else the folder above a ``posts`` folder, else ``start`` itself —
    the same for every working directory."""
    folders = _folders_up(start)
    for folder in folders:
        if (folder / ".git").exists() or (folder / "consents.yaml").is_file():
            return folder
    for folder in folders:
        if folder.name == "posts":
            return folder.parent
    return folders[0]


def _read_table(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = read_bytes(path, limit=MAX_CONFIG_BYTES).decode("utf-8")  # never a FIFO or /dev/zero
        document = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}", f"{path}: не удаётся прочитать файл настроек: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}", f"{path}: ошибка синтаксиса TOML{_toml_position(exc)}") from exc
    table = document.get("tool", {}).get("clinic-content", {}) if path.name == "pyproject.toml" else document
    return table, text


_MERGED_KEYS = ("clinic", "calendar", "rules", "severity", "per-file-ignores", "accounts")  # tables merged key by key


def _extended(path: Path, table: dict[str, Any], seen: tuple[Path, ...] = ()) -> tuple[dict[str, Any], Path, list[Path]]:
    """``extend = "../.clinic-content.toml"``: the parent's settings with this file's on top.
    Paths keep pointing where their own file meant; the root is the parent's."""
    here = path.resolve()
    if here in seen:
        raise ConfigError(f"{path}: `extend` loops back to this file", f"{path}: `extend` по кругу ведёт к этому же файлу")
    parent_path = (here.parent / str(table["extend"])).resolve()
    if not parent_path.is_file():
        raise ConfigError(f"{path}: `extend` names {table['extend']!r}, which is not a file",
                          f"{path}: `extend` указывает на {table['extend']!r}, но такого файла нет")
    parent, _ = _read_table(parent_path)
    root, chain = parent_path.parent, [parent_path]
    if parent.get("extend") is not None:
        parent, root, above = _extended(parent_path, parent, (*seen, here))
        chain = [*above, parent_path]
    child = {_kebab(k): v for k, v in table.items() if k != "extend"}
    _rebase(child, here.parent, root)
    merged = {_kebab(k): v for k, v in parent.items() if k != "extend"}
    for key, value in child.items():
        both = isinstance(value, dict) and isinstance(merged.get(key), dict) and key in _MERGED_KEYS
        merged[key] = {**merged[key], **value} if both else value
    return merged, root, chain


def _rebase(table: dict[str, Any], folder: Path, root: Path) -> None:
    """Rewrite the child's relative paths and globs so that they are relative to ``root``."""
    try:
        prefix = folder.relative_to(root).as_posix()
    except ValueError:
        raise ConfigError(f"{folder}: a config may only `extend` a config in a folder above it",
                          f"{folder}: `extend` может ссылаться только на настройки в папке выше") from None
    if prefix == ".":
        return

    def join(value: Any) -> Any:
        return f"{prefix}/{value}" if isinstance(value, str) else value

    if isinstance(table.get("content-roots"), list):
        table["content-roots"] = [join(v) for v in table["content-roots"]]
    if isinstance(table.get("consents-file"), str):
        table["consents-file"] = join(table["consents-file"])
    if isinstance(table.get("exclude"), list):
        table["exclude"] = [join(v) for v in table["exclude"]]
    if isinstance(table.get("per-file-ignores"), dict):
        table["per-file-ignores"] = {join(k): v for k, v in table["per-file-ignores"].items()}


def _has_our_table(pyproject: Path) -> bool:
    """Whether pyproject.toml has ``[tool.clinic-content]``; a broken file that mentions the
    table is an error (skipping it would drop every setting without a word)."""
    try:
        text = read_bytes(pyproject, limit=MAX_CONFIG_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        return "clinic-content" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError as exc:
        if "clinic-content" in text:
            raise ConfigError(f"{pyproject}: invalid TOML, so [tool.clinic-content] cannot be read: {exc}",
                              f"{pyproject}: ошибка синтаксиса TOML{_toml_position(exc)}, "
                              "поэтому [tool.clinic-content] не прочитать") from None
        return False


def _text_of(path: Path) -> str:
    try:
        return read_bytes(path, limit=MAX_CONFIG_BYTES).decode("utf-8")  # never a FIFO or /dev/zero
    except (OSError, UnicodeDecodeError):
        return ""


def _toml_position(exc: tomllib.TOMLDecodeError) -> str:
    found = re.search(r"line (\d+), column (\d+)", str(exc))
    return f" (строка {found.group(1)}, столбец {found.group(2)})" if found else ""


def peek_lang(start: str | Path = ".") -> str | None:
    """The ``lang`` a config near ``start`` asks for, read without validating it: an error in
    that very config is then reported in the language it asked for. Never raises."""
    try:
        found = find_config_file(Path(start))
    except ConfigError:
        return None
    try:
        lang = _read_table(found)[0].get("lang") if found else None
    except ConfigError:  # broken TOML: look for the line itself
        written = re.search(r"^\s*lang\s*=\s*[\"'](ru|en)[\"']", _text_of(found), re.M) if found else None
        lang = written.group(1) if written else None
    return lang if lang in ("ru", "en") else None
