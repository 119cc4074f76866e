package org.pyselect4j.core;

/**
 * What {@link Select#select} found ready: for each of its three fd arrays, the
 * indexes into that array of the ready fds, in input order (a duplicated fd is
 * reported at each of its indexes).
 */
public record SelectResult(int[] readIndexes, int[] writeIndexes, int[] exceptIndexes) {
}
