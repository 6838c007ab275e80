"""Embeds by link: a link alone on its line in a story becomes a provider's player behind a
click-to-load facade (allow-listed providers, oEmbed) or a link card (any other page).

body: finding such links in a story · providers: the allow-list and how each is framed ·
fetch: fetching from other sites without reaching our own network · resolve: asking once, at
save time, and keeping the answer · render: the facade, the card, and their plain forms for
feeds, newsletters and structured data.
"""
