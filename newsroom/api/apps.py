from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "newsroom.api"
    label = "api"
    verbose_name = "Content API"

    def ready(self):
        from newsroom.api.keys import HEADER, record
        from newsroom.api.models import ApiKey
        from newsroom.caching.hits import Gate, gates
        from newsroom.caching.tracking import track

        # A key's check is kept like a page's piece: revoking, renaming or deleting the key
        # makes it stale in every process at once.
        track(ApiKey, "api-key")
        # Kept answers go to partners whose key passed (newsroom.api.keys.checked); a kept
        # answer's hit checks and counts the key in the same round trip to Redis.
        gates.append(
            Gate(
                prefix="/api/v1/",
                header=f"HTTP_{HEADER.upper().replace('-', '_')}",
                record=record,
            )
        )
