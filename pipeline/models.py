"""What the NLP pipeline is assembled from: the manifest in ``models/`` and the installed model."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from pipeline.settings import ConfigError

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


def manifest() -> dict:
    """The model manifest (base model, version, hash, components)."""
    return json.loads((MODELS_DIR / "manifest.json").read_text())


@lru_cache(maxsize=None)
def model_version(model: str) -> str:
    """Installed version of the spaCy model package ``model``; ConfigError if it is not installed."""
    for name in (model, model.replace("_", "-")):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    raise ConfigError(f"spaCy model {model!r} is not installed (make extract installs {manifest()['base_model']})")


def model_label(model: str) -> str:
    """``name==version`` of the model, as recorded in every output."""
    return f"{model}=={model_version(model)}"


@lru_cache(maxsize=None)
def component_names(model: str) -> tuple[str, ...]:
    """The components the model package ships (read from its meta.json, without loading it)."""
    import spacy.util

    try:
        path = spacy.util.get_package_path(model)
    except Exception as exc:
        raise ConfigError(f"spaCy model {model!r} cannot be found: {exc}") from None
    meta = spacy.util.get_model_meta(path)
    return tuple(meta.get("components") or meta.get("pipeline") or ())


def models_digest() -> str:
    """A digest of everything in ``models/`` (manifest, segmenter weights …): a change there
    changes results, so the run treats it like a new pipeline version."""
    import hashlib

    h = hashlib.sha256()
    for path in sorted(p for p in MODELS_DIR.rglob("*") if p.is_file()):
        h.update(path.relative_to(MODELS_DIR).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def code_digest() -> str:
    """A digest of the pipeline's own source (the stage modules): a run after the code changed
    re-processes, as after a version change (evaluation and benchmark scripts are left out)."""
    import hashlib

    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if rel.startswith("evaluation/") or rel in ("benchmark.py", "train_segmenter.py", "__main__.py"):
            continue
        h.update(rel.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
