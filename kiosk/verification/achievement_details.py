"""What a credential says about the achievement, beyond its name (issue 15's employer view).

Plain frozen data, read from the signed graph by `kiosk.verification.achievement_reading`,
every text already reduced by `plain_text`. URLs are text: never fetched, never made links.
The whole set shares one source (`FieldSource`): signed by a trusted issuer, the issuer's claim
(signed by an issuer no trust list vouches for), or claimed (the signature did not pass).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.verification.model import FieldSource


@dataclass(frozen=True, slots=True)
class Alignment:
    """One framework item the achievement is aligned to (OB 3.0 `Alignment`)."""

    target_name: str
    """The item's name, e.g. "Food safety and hygiene"."""
    target_framework: str = ""
    """The framework it belongs to, e.g. "ESCO"."""
    target_code: str = ""
    """The item's code in that framework."""
    target_type: str = ""
    """What kind of item, e.g. "ceasn:Competency" or "CFItem"."""
    target_url: str = ""
    """Where the framework publishes it: shown as text, never fetched."""


@dataclass(frozen=True, slots=True)
class AchievementResult:
    """One result the holder got (OB 3.0 `Result`), with what it is a result of."""

    label: str
    """The name of its `ResultDescription` (e.g. "Final exam"), or "Result"."""
    value: str
    """The value, achieved level or status, as text."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence the credential cites (VC / OB 3.0 `Evidence`)."""

    name: str = ""
    narrative: str = ""
    description: str = ""
    url: str = ""
    """Its id or URL as text: never fetched, never a link."""


@dataclass(frozen=True, slots=True)
class EmbeddedImage:
    """The achievement's image, when the signed data carries it as a `data:` URI (never a
    fetched one): its bytes, already size-capped, for the terminal preview."""

    media_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Association:
    """One CLR 2.0 `Association` between two achievements of a learner record."""

    association_type: str
    """e.g. "isChildOf", "isParentOf", "precedes", "isPartOf" (the vocabulary's local name)."""
    source_id: str
    target_id: str


@dataclass(frozen=True, slots=True)
class AchievementDetails:
    """The achievement's details as signed, for the verdict screen and `--json`."""

    source: FieldSource
    """Where all of these come from (see the module docstring)."""
    description: str = ""
    criteria: str = ""
    """The criteria narrative: what the holder had to do."""
    achievement_type: str = ""
    """e.g. "Certificate", "Course", "Competency"."""
    field_of_study: str = ""
    specialization: str = ""
    credits_available: str = ""
    credits_earned: str = ""
    """From the credential subject: what this holder earned."""
    human_code: str = ""
    """The issuer's code for it, e.g. "CHEM-101"."""
    results: tuple[AchievementResult, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    achievement_id: str = ""
    """The achievement's IRI (a role requirement may name it), as signed."""
    subject_id: str = ""
    """The credential subject's IRI (the holder's id), as signed."""
    image: EmbeddedImage | None = None
    image_note: str = ""
    """Why an image the achievement names is not shown (remote, too large, not an image)."""

    def as_dict(self) -> dict[str, object]:
        """The JSON form inside `kiosk verify --json` ("achievement_details")."""
        return {
            "source": self.source.value,
            "description": self.description,
            "criteria": self.criteria,
            "achievement_type": self.achievement_type,
            "field_of_study": self.field_of_study,
            "specialization": self.specialization,
            "credits_available": self.credits_available,
            "credits_earned": self.credits_earned,
            "human_code": self.human_code,
            "results": [{"label": r.label, "value": r.value} for r in self.results],
            "alignments": [
                {
                    "target_name": a.target_name,
                    "target_framework": a.target_framework,
                    "target_code": a.target_code,
                    "target_type": a.target_type,
                    "target_url": a.target_url,
                }
                for a in self.alignments
            ],
            "evidence": [
                {
                    "name": e.name,
                    "narrative": e.narrative,
                    "description": e.description,
                    "url": e.url,
                }
                for e in self.evidence
            ],
            "achievement_id": self.achievement_id,
            "subject_id": self.subject_id,
            "image": None
            if self.image is None
            else {"media_type": self.image.media_type, "bytes": len(self.image.data)},
            "image_note": self.image_note,
        }
