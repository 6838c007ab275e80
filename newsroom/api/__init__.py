"""The public content API under /api/v1/: partners' keys, their rate limits, and read-only JSON
of what readers may see (Article.objects.published()), kept by the one cache."""
