"""The rulebook versions the catalogue holds, how a report file names them, and its label languages."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "zh-Hant", "zh-Hans")
DEFAULT_VERSION = "2020-07-01"
#: how a report file names each version (`guide:`) and the version's catalogue
GUIDES: dict[str, str] = {"hkex-c2-2020": "2020-07-01", "hkex-esg-code-2025": "2025-01-01"}
