from tests.support.stripe_servers import stripe_on, stripe_servers

__all__ = ["stripe_on", "stripe_servers"]
