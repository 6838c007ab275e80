# The Associated Press's style, as most US newsrooms print it: "Dec. 7, 2026, 2:14 p.m.",
# "noon", "midnight" (Django's "N" and "P").
DATE_FORMAT = "N j, Y"
TIME_FORMAT = "P"
DATETIME_FORMAT = "N j, Y, P"
MONTH_DAY_FORMAT = "N j"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "m/d/Y"
SHORT_DATETIME_FORMAT = "m/d/Y P"
FIRST_DAY_OF_WEEK = 0  # Sunday
