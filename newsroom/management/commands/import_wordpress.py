import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.wordpress.articles import (
    DEFAULT_SECTION,
    SECTION_FROM_CHOICES,
    WordPressImporter,
)
from newsroom.wordpress.parser import WxrError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export → All content): authors, categories as "
        "sections, tags, posts and their comments, with redirects from the old WordPress "
        "addresses. Safe to run again: only what changed in the export is updated."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WXR file WordPress exported (.xml).")
        parser.add_argument(
            "--media-dir",
            help="A copy of the old site's wp-content/uploads folder, for featured images.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check everything; save nothing."
        )
        parser.add_argument(
            "--section-from",
            choices=SECTION_FROM_CHOICES,
            default="category",
            help="category: the post's primary category (the one in its WordPress address); "
            "first-category: the first category listed on the post.",
        )
        parser.add_argument(
            "--site",
            default="",
            help="The address of the site the export comes from, when it changed since an "
            "earlier import (e.g. blog.example.com became example.com/blog). Default: the "
            "address the export names.",
        )
        parser.add_argument(
            "--fetch-embeds",
            action="store_true",
            help="Fetch the players and link cards of links alone on their line (YouTube, "
            "[embed] and the like) during the import; otherwise run manage.py fetch_embeds "
            "afterwards.",
        )
        parser.add_argument(
            "--default-section",
            default=DEFAULT_SECTION,
            help=f"Section for posts without a category (default: {DEFAULT_SECTION}).",
        )

    def handle(
        self,
        *args,
        export,
        media_dir,
        dry_run,
        section_from,
        default_section,
        site,
        fetch_embeds,
        **options,
    ):
        path = Path(export)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"No such folder for --media-dir: {media_dir}")
        importer = WordPressImporter(
            media_dir=media_dir,
            section_from=section_from,
            default_section=default_section,
            dry_run=dry_run,
            site=site,
            fetch_embeds=fetch_embeds,
            progress_stream=options.get("stderr") or sys.stderr,
        )
        try:
            report = importer.run(path)
        except WxrError as error:
            self.stdout.write("\n".join(["Stopped early.", *importer.report.lines()]))
            raise CommandError(f"{path.name}: {error}") from None
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        self.stdout.write("\n".join(report.lines()))
