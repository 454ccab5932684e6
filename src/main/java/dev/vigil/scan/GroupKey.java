package dev.vigil.scan;

import java.io.Serializable;

/**
 * A (segment, chunk) group of the scan; segment null = whole population, chunk null = in no chunk.
 */
record GroupKey(String segment, Long chunk) implements Serializable {}
