"""One cache for reader pages, never stale.

Whole pages for anonymous readers (`pages`) and the costly pieces of pages (`pieces`, the
`{% keep %}` tag) are kept with the tags of what they show (`tracking`). Every write path makes
stale what it changes (`invalidation`), recorded in a state every process shares (`state`):
Redis, or PostgreSQL without it. The clock's own changes, a scheduled publication, are
`schedule`'s. A deploy starts empty (`release`). NEWSROOM_CACHE switches all of it off.

Apps say what their rows mean to the cache in their ready(): `track(Model, "story", changes)`,
and the views kept whole (`pages.cached_views`), the cookies that make a page personal
(`pages.personal_cookies`), the announcer of scheduled changes (`schedule.on_time`).
"""
