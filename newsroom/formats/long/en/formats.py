# The outlet's own style, as its pages have always read: "November 2, 2025", "2:14 p.m.",
# "November 2, 2025, 2:14 p.m." (Django's "F" and "P").
DATE_FORMAT = "F j, Y"
TIME_FORMAT = "P"
DATETIME_FORMAT = "F j, Y, P"
MONTH_DAY_FORMAT = "F j"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "m/d/Y"
SHORT_DATETIME_FORMAT = "m/d/Y P"
FIRST_DAY_OF_WEEK = 0  # Sunday
