"""The district's own work, across every commune.

The programme is run by the district's steering committee, not by any one
commune: surveying each commune against the plan's criteria, launching the
pilot and then the rest, following the citizens' dossiers through the
one-stop counters (with a text message when a result is ready), reviewing
figures after six months and a year, and merging communes when the state
reorganises them. None of this belongs to ``home`` (the registry and
provisioning), ``procedures`` (the catalogue), ``contact`` (directory and
feedback) or ``news`` (what a commune publishes), so it lives here.
"""
