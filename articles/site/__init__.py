"""The reader site: pages, feeds, sitemaps, search results, and how each page describes itself.

Its template tags live in articles/templatetags/, where Django looks for them; its addresses in
articles/urls.py, beside the desk's preview addresses.
"""
