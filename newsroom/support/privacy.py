"""What is stored about a supporter, for the reader's download of their data. Erasing an
account keeps these records: they are the outlet's accounts of money received, which the law
on bookkeeping asks it to keep, and Stripe holds them too."""

from newsroom.support.models import Supporter, money


def export_supporter(email):
    supporter = Supporter.objects.filter(email=email.strip().lower()).first()
    if supporter is None:
        return None
    return {
        "email": supporter.email,
        "name": supporter.name,
        "amount": supporter.amount_display,
        "period": supporter.get_period_display(),
        "status": supporter.get_status_display(),
        "since": supporter.since.isoformat(),
        "gifts": [
            {
                "amount": money(gift.amount, gift.currency),
                "paid_at": gift.paid_at.isoformat(),
                "refunded": gift.refunded_amount > 0,
            }
            for gift in supporter.donations.all()
        ],
    }
