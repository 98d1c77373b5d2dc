"""What each role may do, in one place: the permissions provisioning grants
to a commune's editors' group, its approvers' group and to the district
admins' group.

Commune editors' grants reach their commune only: pages under its home page,
files of its collection, settings of its site, and the project's own rows
through ``home.scoping`` (the model permission says "may edit letters at
all", the scoping "only this commune's"). Permissions are named
``app_label.codename``, as Django does, so that this list can sit below the
apps it names.
"""

# Granted on the commune's home page, so on its whole tree. Publishing is
# granted apart (``home.moderation``): while the commune's approval is on,
# editors publish only in the sections that need no approval; its approvers
# publish everywhere in the commune's tree.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
PUBLISH_PAGE = "publish_page"
APPROVER_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, PUBLISH_PAGE]
DISTRICT_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, PUBLISH_PAGE, "bulk_delete_page"]

EDITOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
DISTRICT_COLLECTION_PERMISSIONS = [
    *EDITOR_COLLECTION_PERMISSIONS,
    "wagtailimages.delete_image",
    "wagtaildocs.delete_document",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
]

# Per-site settings a commune's editors change for their own site only
# (Wagtail's GroupSitePermission).
EDITOR_SITE_SETTINGS = ["home.change_communesettings", "contact.change_lettersettings"]

COMMUNE_EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    # The catalogue: the commune's own procedures and its notes on the district's.
    "procedures.add_procedure",
    "procedures.change_procedure",
    "procedures.delete_procedure",
    "procedures.add_localprocedurenote",
    "procedures.change_localprocedurenote",
    "procedures.delete_localprocedurenote",
    # The one-stop counter's dossier register and its text messages (read).
    "procedures.add_dossier",
    "procedures.change_dossier",
    "procedures.delete_dossier",
    "procedures.view_smsmessage",
    # The directory, feedback, reply templates, ratings (read).
    "contact.add_official",
    "contact.change_official",
    "contact.delete_official",
    "contact.change_feedback",
    "contact.add_replytemplate",
    "contact.change_replytemplate",
    "contact.delete_replytemplate",
    "contact.view_rating",
    # The satisfaction survey: their commune's responses (read).
    "contact.view_surveyresponse",
    # Letters are registered and changed, never deleted: the register keeps
    # every number it gave.
    "contact.add_letter",
    "contact.change_letter",
    # Notice banners.
    "news.add_notice",
    "news.change_notice",
    "news.delete_notice",
    # The programme: propose evidence (the district confirms), see the launch.
    "district.add_criterionprogress",
    "district.change_criterionprogress",
    "district.view_communelaunch",
    # The plan's steps: record the commune's own, with evidence.
    "district.add_stepprogress",
    "district.change_stepprogress",
]

# A commune's approvers (the chairman, the office chief): into the admin, to
# approve pages (Wagtail's approval task names their group) and to publish
# the commune's answers to feedback (``contact.forms``), scoped like editors.
APPROVER_PERMISSIONS = ["wagtailadmin.access_admin", "contact.change_feedback"]

DISTRICT_ADMIN_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "home.manage_all_communes",
    "home.change_communesettings",
    "auth.add_user",
    "auth.change_user",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    *(
        f"procedures.{action}_{model}"
        for action in ("add", "change", "delete")
        for model in ("procedure", "localprocedurenote", "procedurefield", "dossier")
    ),
    "procedures.view_smsmessage",
    "contact.add_official",
    "contact.change_official",
    "contact.delete_official",
    "contact.change_feedback",
    "contact.delete_feedback",
    "contact.add_replytemplate",
    "contact.change_replytemplate",
    "contact.delete_replytemplate",
    "contact.view_rating",
    "contact.delete_rating",
    *(f"contact.{action}_surveyround" for action in ("add", "change", "delete", "view")),
    "contact.view_surveyresponse",
    "contact.delete_surveyresponse",
    *(f"contact.{action}_letter" for action in ("add", "change", "delete")),
    "contact.change_lettersettings",
    *(f"news.{action}_notice" for action in ("add", "change", "delete")),
    "district.add_criterionprogress",
    "district.change_criterionprogress",
    "district.delete_criterionprogress",
    "district.add_communelaunch",
    "district.change_communelaunch",
    "district.delete_communelaunch",
    *(f"district.{action}_stepprogress" for action in ("add", "change", "delete")),
    # The "Công an thân thiện" criteria (V.3), which the district enters.
    *(f"district.{action}_criterion" for action in ("add", "change", "delete")),
]
