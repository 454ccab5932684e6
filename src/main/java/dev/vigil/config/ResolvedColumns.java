package dev.vigil.config;

import java.util.List;

/**
 * The feature columns a run monitors, with their kinds, after the configuration's defaults were
 * resolved against the input schemas ({@code io.SchemaCheck}).
 */
public record ResolvedColumns(List<String> features, List<String> continuous, List<String> categorical)
        implements java.io.Serializable {}
