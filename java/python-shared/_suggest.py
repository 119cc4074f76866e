"""The "Did you mean ...?" of CPython 3.13's keyword errors: the closest name by
its edit distance (a case change costs half a move), as CPython computes it.

Shared by both bindings' glue, so written for Python 2.7 and 3: the build puts
this one file into the GraalPy and the Jython package (java/*/pom.xml).
"""

_MOVE_COST = 2
_CASE_COST = 1
_LONGEST_COMPARED = 40


def _distance(a, b, limit):
    if len(a) > _LONGEST_COMPARED or len(b) > _LONGEST_COMPARED:
        return limit + 1
    previous = [j * _MOVE_COST for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        current = [i * _MOVE_COST]
        for j, cb in enumerate(b, 1):
            if ca == cb:
                substitution = 0
            elif ca.lower() == cb.lower():
                substitution = _CASE_COST
            else:
                substitution = _MOVE_COST
            current.append(min(previous[j - 1] + substitution,
                               previous[j] + _MOVE_COST, current[j - 1] + _MOVE_COST))
        previous = current
    return previous[-1]


def suggest(name, candidates):
    """The candidate closest to a misspelt ``name``, or None if none is close."""
    best, best_distance = None, None
    for candidate in candidates:
        if candidate == name:
            continue
        limit = (len(name) + len(candidate) + 3) * _MOVE_COST // 6
        if best_distance is not None:
            limit = min(limit, best_distance - 1)
        distance = _distance(name, candidate, limit)
        if distance <= limit:
            best, best_distance = candidate, distance
    return best
