"""Webhooks: partners' addresses called, signed per Standard Webhooks, when stories are
published, updated or unpublished, corrected, or get a live update. They fire from
articles.signals.article_changed, the one place every change goes through."""
