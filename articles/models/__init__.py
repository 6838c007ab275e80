from articles.models.stories import *  # noqa: F403
from articles.models.stories import _preview_key  # noqa: F401
