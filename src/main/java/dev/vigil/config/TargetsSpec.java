package dev.vigil.config;

/** Delayed ground truth in its own table, joined to the analysis data on {@code joinOn}. */
public record TargetsSpec(InputSpec input, String joinOn) implements java.io.Serializable {}
