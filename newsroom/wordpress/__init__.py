"""The move from WordPress: reading an export, importing it, and answering its old links.

It lives in newsroom/ because an import fills both apps, articles and comments. `parser`
reads the export and `content` converts post bodies, both without Django; `articles` runs
the import (with `images` and `comments`), `report` tells how it went, and `redirects` keeps
the old addresses working. The `import_wordpress` command is the way in.
"""
