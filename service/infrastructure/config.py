"""The business's own configuration: the scorecard questionnaire, the tier policy and the
ideal-client profile (TOML)."""

import os
import tomllib
from importlib.resources import files
from pathlib import Path

from kamledger.domain.errors import InvalidInput
from kamledger.domain.ideal_client import IdealProfile, profile_from_dict
from kamledger.domain.scorecard import Questionnaire
from kamledger.domain.tier_policy import TierPolicy, policy_from_dict

QUESTIONNAIRE_ENV = "KAM_QUESTIONNAIRE"
IDEAL_PROFILE_ENV = "KAM_IDEAL_PROFILE"


def load_questionnaire(path: str | None = None) -> Questionnaire:
    """The questionnaire at path, else at $KAM_QUESTIONNAIRE, else the shipped v1."""
    chosen = path or os.environ.get(QUESTIONNAIRE_ENV)
    return Questionnaire.from_dict(_read_toml(chosen, "questionnaire-v1.toml"))


def load_ideal_profile(path: str | None = None) -> IdealProfile:
    """The ideal-client profile at path, else at $KAM_IDEAL_PROFILE, else the shipped v1."""
    return profile_from_dict(_read_toml(path or os.environ.get(IDEAL_PROFILE_ENV), "ideal-client-v1.toml"))


def default_policy() -> TierPolicy:
    return policy_from_dict(default_policy_document())


def default_policy_document() -> dict:
    return _read_toml(None, "tier-policy-v1.toml")


def read_policy_file(path: str) -> tuple[TierPolicy, dict]:
    """A tier policy from a TOML file, and the file's data as it will be kept in the ledger."""
    document = _read_toml(path, "")
    return policy_from_dict(document), document


def _read_toml(path: str | None, default_name: str) -> dict:
    if path is None:
        return tomllib.loads(files("kamledger.service").joinpath("defaults", default_name).read_text())
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(f"{path} is not valid TOML: {error}") from None
