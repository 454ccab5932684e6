package dev.vigil.calculators;

/**
 * One bin of one column's distribution in one chunk (for distribution plots): {@code bin} is the
 * category, or the bin's number for continuous columns ({@code below}/{@code above} for values
 * outside the reference range), with its bounds.
 */
public record DistributionBin(
        String column,
        String segment,
        int chunkIndex,
        String kind,
        String bin,
        Double lower,
        Double upper,
        long count,
        double proportion) {}
