"""The outlet's own pages (About, the masthead, its policies), its menus, and the standards
it publishes: what tells readers and search engines who is behind the news."""
