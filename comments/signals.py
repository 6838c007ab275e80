from django.dispatch import Signal

# Sent when what readers see under stories may have changed (a comment published at once,
# approved, unapproved, marked spam, trashed or anonymised), with article_ids: the stories
# concerned. For whatever keeps copies of story pages (a page cache, a CDN purge), since bulk
# updates send no post_save; nothing in the project connects to it yet.
comments_changed = Signal()
