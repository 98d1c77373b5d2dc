from home.management.commune_member import CommuneMemberCommand
from home.services import add_commune_editor


class Command(CommuneMemberCommand):
    help = "Create a user if needed and make them an editor of one commune."
    role = "editor"
    add_member = staticmethod(add_commune_editor)
