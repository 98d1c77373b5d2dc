from home.management.commune_member import CommuneMemberCommand
from home.moderation import add_commune_approver


class Command(CommuneMemberCommand):
    help = (
        "Create a user if needed and make them an approver of one commune "
        "(they publish what its editors submit)."
    )
    role = "approver"
    add_member = staticmethod(add_commune_approver)
