from django.dispatch import Signal

# Sent when what readers see under stories may have changed (a comment published at once,
# approved, unapproved, marked spam, trashed or anonymised), with article_ids: the stories
# concerned. Page caches listen to it: bulk updates send no post_save.
comments_changed = Signal()
