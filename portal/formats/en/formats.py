"""British English, as the interface is written: "12 December 2026", "12/12/2026", 24-hour times (Django's
"en" formats are American: "Dec. 12, 2026", "12/03/2026" for 3 December). Django's British input formats."""

from django.conf.locale.en_GB.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: F401

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
