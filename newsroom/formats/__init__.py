"""The house style for dates and times (NEWSROOM_DATE_STYLE), as Django format modules.

Everything that shows a date asks Django for a named format (DATE_FORMAT, TIME_FORMAT,
DATETIME_FORMAT, MONTH_DAY_FORMAT, YEAR_MONTH_FORMAT): reader pages, the admin (Django's own
lists and history included), live updates, corrections and mail. settings.py points
FORMAT_MODULE_PATH at one of these packages; each holds the style for English, the site's
language. Another language keeps Django's formats for it.
"""

# NEWSROOM_DATE_STYLE's values and the package of each.
STYLES = {
    "long": "newsroom.formats.long",  # December 7, 2026, 2:14 p.m. (the default)
    "ap": "newsroom.formats.ap",  # Dec. 7, 2026, 2:14 p.m.
    "24h": "newsroom.formats.h24",  # 7 December 2026, 14:14
}
