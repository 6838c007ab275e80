"""The demo outlet `make run` loads (`manage.py load_demo`): stories, pictures and comments.

It spans both apps, so it lives in the project package, outside the product: content.py holds
the texts, loading.py makes the sections, bylines and stories, pictures.py and scenes/ draw
their pictures with Pillow, comments.py adds reader threads and a moderation queue.
"""
