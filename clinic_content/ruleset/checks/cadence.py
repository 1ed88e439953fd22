"""CAL: the content plan as a whole — «news must be regular: not once a
month, and not two months of silence, then 8 posts in one day» — plus the
timeline of each post (quiet hours, offers that expire, approval in time).

Calendar rules see every post under the content roots — as ``CalendarEntry``
summaries (entries.py), so they never need a post's text — and report on the posts
involved, pointing at their ``publish_at`` and naming the others. The consent
timeline (a consent that expires or is revoked before ``publish_at``) is PRIV003.
By theme: the rhythm of a feed (``cadence_rhythm``), what the plan is made of
(``cadence_mix``), one post's timeline (``post_timeline``); shared views in
``cadence_support``. This module keeps the family's registry order.
"""

from __future__ import annotations

from .cadence_support import (
    CADENCE_SOURCE, CALENDAR_NOTE, TIMELY_SOURCE, at, by_platform, is_promo, local, planned,
    platform_name, remember_view, running_count, windows,
)
from .cadence_rhythm import Burst, BurstOptions, Silence, SilenceOptions, Spacing, SpacingOptions
from .cadence_mix import DuplicateText, DuplicateTextOptions, MixOptions, NoEducation, PromoShare
from .post_timeline import (
    ApprovalOptions, ExpiredOnline, ExpiryTimeline, NotApprovedInTime, PromoWithoutExpiry,
    PublishedInFuture, QuietHours, QuietOptions,
)

__all__ = [
    "ApprovalOptions", "Burst", "BurstOptions", "CADENCE_SOURCE", "CALENDAR_NOTE", "CAL_RULES",
    "DuplicateText", "DuplicateTextOptions", "ExpiredOnline", "ExpiryTimeline", "MixOptions",
    "NoEducation", "NotApprovedInTime", "PromoShare", "PromoWithoutExpiry", "PublishedInFuture",
    "QuietHours", "QuietOptions", "Silence", "SilenceOptions", "Spacing", "SpacingOptions",
    "TIMELY_SOURCE", "at", "by_platform", "is_promo", "local", "planned", "platform_name",
    "remember_view", "running_count", "windows",
]


CAL_RULES = [Burst, Silence, Spacing, PromoShare, NoEducation, DuplicateText, QuietHours, PromoWithoutExpiry,
             ExpiryTimeline, ExpiredOnline, NotApprovedInTime, PublishedInFuture]
