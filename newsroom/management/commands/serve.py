"""`make run`'s server: Django's development server, then, last, where things are.

Django's banner (checks, version, a warning) would otherwise bury the way in to the site and
the admin; this prints it after the banner, in plain words. `make run` passes what
ensure_admin said in the WAY_IN environment variable.
"""

import os

from django.contrib.staticfiles.management.commands.runserver import Command as RunServer


class Command(RunServer):
    help = "Serve the site for development and say, last, where the site and the admin are."

    def on_bind(self, server_port):
        super().on_bind(server_port)
        site = f"{self.protocol}://{self.addr}:{server_port}/"
        lines = ["", "Newsroom is running.", f"The site:   {site}"]
        if way_in := os.environ.get("WAY_IN", "").strip():
            lines.append(way_in)
        else:
            lines.append(f"The admin:  {site}admin/")
        lines.append("Stop it with Ctrl-C; `make run` starts it again in seconds.")
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
