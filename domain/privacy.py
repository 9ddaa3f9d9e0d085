"""Which recorded texts may be about people, and how a forgotten one reads.

Notes, comments and reasons are free text a coach types about a client's people; they are sealed
with the client's own key and become unreadable when the client is forgotten. Company names, our
own people's names (owners, who recorded what), tiers, scores and amounts are not personal notes:
they stay, so the audit trail of tiers and scores survives a forgetting.
"""

FORGOTTEN = "(forgotten)"

# Event class name -> its free-text fields (events of the Relationship aggregate only).
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "Scored": ("note",),
    "SurveyAnswered": ("comment",),
    "PyramidLevelChanged": ("reason",),
    "ValueDimensionNoted": ("note",),
    "BurdenSignalNoted": ("note",),
    "BurdenSignalResolved": ("note",),
    "TierOverridden": ("reason",),
    "TierOverrideCleared": ("reason",),
    "ProspectDecided": ("reason",),
    "ProspectWon": ("reason",),
    "ProspectLost": ("reason",),
    "ClientLost": ("reason",),
    "ClientWonBack": ("reason",),
}
