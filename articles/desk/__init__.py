"""The back office: what editors and reporters use to write, check and publish stories.

One module (or package) per concern, its rules and its admin pages together: workflow,
revisions/ (with their word-by-word diffs), autosave/, calendar, preview (and preview links),
presence, review notices, corrections, live updates, forms. admin/ holds the model admins that
put them on the story form and list. Readers never reach this package, and the reader site
(articles/site/) never imports it (an import contract in pyproject.toml).
"""
