"""Sentence vectors for the news ranker: a sparse tf-idf matrix and the similarities on it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from scipy import sparse

FloatArray = npt.NDArray[np.float64]


class TfIdf(NamedTuple):
    """A sentence x term tf-idf matrix as coordinates, rows L2-normalized, sorted row-major."""

    row: npt.NDArray[np.int64]
    col: npt.NDArray[np.int64]
    value: FloatArray
    shape: tuple[int, int]


def tfidf(terms: Sequence[Sequence[str]]) -> TfIdf:
    """Sublinear tf x smoothed idf, built in one vectorized pass."""
    n = len(terms)
    vocabulary: dict[str, int] = {}
    columns = [vocabulary.setdefault(t, len(vocabulary)) for ts in terms for t in ts]
    size = max(len(vocabulary), 1)
    rows = np.repeat(np.arange(n, dtype=np.int64), [len(ts) for ts in terms])
    # One key per (sentence, term) pair: np.unique both counts and sorts them row-major.
    keys, counts = np.unique(rows * size + np.asarray(columns, dtype=np.int64), return_counts=True)
    row, col = keys // size, keys % size
    idf = np.log((1.0 + n) / (1.0 + np.bincount(col, minlength=size))) + 1.0
    value = np.log1p(counts) * idf[col]
    norms = np.sqrt(np.bincount(row, weights=value * value, minlength=n))
    value /= np.where(norms > 0.0, norms, 1.0)[row]
    return TfIdf(row, col, value, (n, size))


# Up to this many multiply-adds a dense product without BLAS is cheapest: the first BLAS
# call of a process starts its thread pool, which costs more (~10 ms of CPU) than the whole
# product of a news article.
_DENSE_OPERATIONS = 4_000_000


def similarity_matrix(vectors: TfIdf) -> FloatArray:
    """Cosine similarity of every sentence pair, zero on the diagonal.

    Only terms shared by two or more sentences add to an off-diagonal cell, so the others
    are dropped first: that shrinks the matrix several times over.
    """
    n, size = vectors.shape
    frequency = np.bincount(vectors.col, minlength=size)
    keep = frequency[vectors.col] > 1
    shared = np.cumsum(frequency > 1) - 1
    row, col, value = vectors.row[keep], shared[vectors.col[keep]], vectors.value[keep]
    width = int(np.count_nonzero(frequency > 1))
    if width == 0:
        return np.zeros((n, n))
    if n * n * width <= _DENSE_OPERATIONS:
        dense = np.zeros((n, width))
        dense[row, col] = value
        similarity = np.einsum("ij,kj->ik", dense, dense)
    else:
        matrix = sparse.csr_matrix((value, (row, col)), shape=(n, width))
        similarity = (matrix @ matrix.T).toarray()
    np.fill_diagonal(similarity, 0.0)
    return np.asarray(similarity, dtype=np.float64)


def centroid_similarity(vectors: TfIdf) -> FloatArray:
    """Cosine of each sentence with the section's tf-idf centroid: how on-topic it is."""
    n, size = vectors.shape
    centroid = np.bincount(vectors.col, weights=vectors.value, minlength=size)
    norm = float(np.sqrt(np.dot(centroid, centroid))) if centroid.size else 0.0
    if norm == 0.0:
        return np.zeros(n)
    dots = np.bincount(vectors.row, weights=vectors.value * centroid[vectors.col], minlength=n)
    return np.asarray(dots / norm, dtype=np.float64)
