"""nginx in front: the README's proxy_cache configuration, and an nginx the bench runs with it.

SITE is the one template: the README shows it filled in with example values (a test checks
they agree), and the bench fills it in with its own ports and folders.
"""

import contextlib
import getpass
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from newsroom.bench import load

SITE = """\
upstream newsroom {
@servers@
}
proxy_cache_path @cache@ keys_zone=newsroom:50m max_size=2g inactive=1h;

map $http_cookie $newsroom_personal {
    default 0;
    "~*(^|;\\s*)(sessionid|messages|comment_author(_email|_url)?|comments_mine)=" 1;
}

server {
@listen@
    gzip on;                                 # pages, feeds, CSS and scripts compressed
    gzip_types text/css application/javascript application/json image/svg+xml text/plain
               application/xml application/rss+xml application/atom+xml;
    gzip_vary on;
    location /static/ { alias @static@/; expires 1y; gzip_static on; }  # collectstatic's .gz
    location /media/  { alias @media@/; expires 1d; }  # as the bucket sends them
    location / {
        proxy_pass http://newsroom;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_cache newsroom;
        proxy_cache_key $scheme$host$request_uri;
        proxy_cache_bypass $newsroom_personal;   # staff and commenters: straight to Django
        proxy_no_cache $newsroom_personal;
        proxy_cache_revalidate on;               # If-None-Match to Django: a 304 from its cache
        proxy_cache_use_stale updating error timeout;
        proxy_cache_background_update on;        # stale-while-revalidate
        proxy_cache_lock on;
        add_header X-Cache-Status $upstream_cache_status;
    }
}
"""

# What the README shows: one app server, the paths of a typical install.
README_VALUES = {
    "servers": ["127.0.0.1:8000"],
    "listen": "# ... listen, server_name, TLS ...",
    "cache": "/var/cache/nginx/newsroom",
    "static": "/srv/newsroom/staticfiles",
    "media": "/srv/newsroom/media",
}

# The bench's whole nginx.conf around SITE: its own pid, logs and temporary folders under
# var/, in the foreground as a child of the bench, and a second server for the static copy.
# Both speak TLS, as in production (X-Forwarded-Proto: https to the app servers), with a
# certificate of the bench's own making.
MAIN = """\
@user@
worker_processes auto;
pid @dir@/nginx.pid;
error_log @dir@/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    client_body_temp_path @dir@/body;
    proxy_temp_path @dir@/proxy;
    fastcgi_temp_path @dir@/fastcgi;
    uwsgi_temp_path @dir@/uwsgi;
    scgi_temp_path @dir@/scgi;

@site@
    server {
        listen 127.0.0.1:@static_port@ ssl;
@tls@
        root @dir@/static;
    }
}
"""


def fill(template, **values):
    for name, value in values.items():
        template = template.replace(f"@{name}@", str(value))
    return template


def site_config(*, servers, listen, cache, static, media):
    upstreams = "\n".join(f"    server {server};" for server in servers)
    return fill(
        SITE,
        servers=upstreams,
        listen=f"    {listen}",
        cache=cache,
        static=static,
        media=media,
    )


def readme_config():
    return site_config(**README_VALUES)


def installed():
    """nginx's path, or None (Debian puts it in /usr/sbin, outside most users' PATH)."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


@dataclass
class Nginx:
    # The site, with the proxy cache in front of the app servers.
    site: str
    # The second server: the same bytes as static files.
    static: str
    process: subprocess.Popen


def tls_lines(directory):
    return (
        f"        ssl_certificate {directory}/cert.pem;\n"
        f"        ssl_certificate_key {directory}/key.pem;"
    )


def make_certificate(directory):
    """A self-signed certificate for 127.0.0.1, for the bench's nginx alone."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-keyout", directory / "key.pem",
         "-out", directory / "cert.pem"],
        check=True, capture_output=True,
    )  # fmt: skip


def bench_config(directory, *, servers, port, static_port, static_root, media_root):
    site = site_config(
        servers=servers,
        listen=f"listen 127.0.0.1:{port} ssl;\n{tls_lines(directory)}",
        cache=directory / "cache",
        static=static_root,
        media=media_root,
    )
    # Workers started by root would run as "nobody", who cannot read var/.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    return fill(
        MAIN, user=user, dir=directory, site=site, static_port=static_port,
        tls=tls_lines(directory),
    )  # fmt: skip


@contextlib.contextmanager
def nginx(directory, *, servers, static_files, static_root, media_root, free_port):
    """nginx in the foreground with the README's configuration in front of `servers`.

    static_files: {name: bytes} served by the second server as /name. Stopped on the way out.
    """
    directory = Path(directory)
    shutil.rmtree(directory, ignore_errors=True)
    (directory / "static").mkdir(parents=True)
    for name, content in static_files.items():
        (directory / "static" / name).write_bytes(content)
    make_certificate(directory)
    port, static_port = free_port(), free_port()
    config = directory / "nginx.conf"
    config.write_text(
        bench_config(
            directory,
            servers=servers,
            port=port,
            static_port=static_port,
            static_root=static_root,
            media_root=media_root,
        )
    )
    command = [installed(), "-p", str(directory), "-c", str(config), "-g", "daemon off;"]
    log = directory / "nginx.out"
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=output)
    try:
        load.wait_until_up(f"https://127.0.0.1:{static_port}/", process, log, seconds=15)
        yield Nginx(f"https://127.0.0.1:{port}", f"https://127.0.0.1:{static_port}", process)
    finally:
        load.stop(process)
