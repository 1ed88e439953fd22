"""Built-in rules, one module per rule or family."""

from .ad_warning import MissingAdWarning
from .advertising import ADV_RULES
from .cadence import CAL_RULES
from .calendar_ids import DuplicateId
from .frontmatter import FM_RULES
from .language import LANG_RULES
from .platform_length import TextTooLong
from .platform_policy import PLAT_RULES
from .privacy import PRIV_RULES
from .sources import SRC_RULES
from .suppressions import BlanketSuppression

BUILTIN_RULES = [*FM_RULES, BlanketSuppression, MissingAdWarning, *ADV_RULES, *PRIV_RULES, TextTooLong, *PLAT_RULES, DuplicateId, *CAL_RULES, *LANG_RULES, *SRC_RULES]

