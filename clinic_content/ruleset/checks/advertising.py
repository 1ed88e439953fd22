"""ADV: advertising law beyond phrase packs, by theme — the warning's share and place
(``ad_warning_place``), labelling: «Реклама», advertiser, erid (``ad_labelling``), blocked
platforms and the Meta footnote (``ad_platforms``), what some ads must carry and posts that
read as unmarked ads (``ad_subjects``). This module keeps the family's registry order.
"""

from __future__ import annotations

from .ad_warning_place import AdWarningBelowFold, AdWarningTooSmall, WarningShareOptions, warning_share
from .ad_labelling import AD_MARK, EridProblem, MissingAdLabel, MissingAdvertiser, advertiser_line
from .ad_platforms import AdOnBlockedPlatform, FootnoteOptions, META_BAN_START, MetaFootnote
from .ad_subjects import LooksLikeAd, MissingLicence, SupplementWarning

__all__ = [
    "ADV_RULES", "AD_MARK", "AdOnBlockedPlatform", "AdWarningBelowFold", "AdWarningTooSmall",
    "EridProblem", "FootnoteOptions", "LooksLikeAd", "META_BAN_START", "MetaFootnote", "MissingAdLabel",
    "MissingAdvertiser", "MissingLicence", "SupplementWarning", "WarningShareOptions",
    "advertiser_line", "warning_share",
]


ADV_RULES = [AdWarningTooSmall, AdWarningBelowFold, MissingAdLabel, MissingAdvertiser, EridProblem,
             AdOnBlockedPlatform, MetaFootnote, MissingLicence, LooksLikeAd, SupplementWarning]
