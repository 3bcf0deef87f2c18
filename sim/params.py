"""Self-describing model parameters.

Every model parameter is declared once with :func:`param`, which stores its unit, label,
allowed range, slider step, source and *basis* in the dataclass field's metadata. The app builds
its sliders from this metadata, the "About the models" page builds its parameter table from it,
and :func:`check_ranges` turns an out-of-range value into a ``ValueError`` a student can read.

The basis says how the number was obtained, declared with the parameter (never guessed from the
source text):

* ``published``: measured and reported in the source named;
* ``fitted``: chosen so the model hits a published number; ``fitted_to`` names the validation
  facts (``sim.validation``) it was tuned to, which therefore count as calibration targets, not
  as evidence;
* ``illustrative``: chosen to show the right shape, for the conceptual parts of the model.

The source names primary papers, labels or official pages by their short cite in
``explainers/sources.yaml`` (a reader can open each one).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

PUBLISHED, FITTED, ILLUSTRATIVE = "published", "fitted", "illustrative"
BASES = (PUBLISHED, FITTED, ILLUSTRATIVE)
_SCALE_UNITS = ("-", "0-1")  # units that would read oddly after a range ("0 and 1 0-1")


@dataclass(frozen=True)
class ParamInfo:
    """What a parameter is, for people: shown in sliders, tables and error messages."""

    name: str
    default: float
    unit: str
    label: str
    min: float
    max: float
    step: float
    source: str
    basis: str
    fitted_to: tuple[str, ...] = ()
    help: str = ""

    @property
    def illustrative(self) -> bool:
        return self.basis == ILLUSTRATIVE


def param(
    default: float,
    *,
    unit: str,
    label: str,
    min: float,  # noqa: A002 - mirrors the slider's own argument name
    max: float,  # noqa: A002
    step: float,
    source: str,
    basis: str,
    fitted_to: tuple[str, ...] = (),
    help: str = "",  # noqa: A002
) -> Any:
    """Declare a dataclass field that carries its own unit, range, step, source and basis."""
    if not (min <= default <= max):
        raise ValueError(f"default {default} of {label!r} lies outside [{min}, {max}]")
    if basis not in BASES:
        raise ValueError(f"basis of {label!r} must be one of {', '.join(BASES)}, got {basis!r}")
    if (basis == FITTED) != bool(fitted_to):
        raise ValueError(f"{label!r}: a fitted parameter names its targets, and only it does")
    info = dict(unit=unit, label=label, min=min, max=max, step=step, source=source,
                basis=basis, fitted_to=tuple(fitted_to), help=help)
    return field(default=default, metadata={"param": info})


def describe(params_cls_or_obj: Any) -> list[ParamInfo]:
    """List the parameters of a ``Params`` class (or instance) with their metadata.

    For an instance, ``default`` holds the instance's current value.
    """
    infos = []
    for f in dataclasses.fields(params_cls_or_obj):
        meta = f.metadata.get("param")
        if meta is None:
            continue
        value = (
            getattr(params_cls_or_obj, f.name)
            if not isinstance(params_cls_or_obj, type)
            else f.default
        )
        infos.append(ParamInfo(name=f.name, default=value, **meta))
    return infos


def check_ranges(params: Any) -> None:
    """Raise ``ValueError`` naming the first parameter outside its documented range."""
    for info in describe(params):
        value = info.default
        if not isinstance(value, int | float) or value != value:  # NaN fails too
            raise ValueError(f"{info.label} must be a number, got {value!r}")
        if not (info.min <= value <= info.max):
            unit = "" if info.unit in _SCALE_UNITS else f" {info.unit}"
            raise ValueError(
                f"{info.label} must be between {info.min:g} and {info.max:g}{unit}, "
                f"got {value:g}"
            )


class Params:
    """Base for frozen parameter sets: validates ranges on construction."""

    def __post_init__(self) -> None:
        check_ranges(self)

    def replace(self, **changes: float):
        """A copy with some values changed (validated again)."""
        return dataclasses.replace(self, **changes)
