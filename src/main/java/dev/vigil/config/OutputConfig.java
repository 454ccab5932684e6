package dev.vigil.config;

/** Where the Delta tables go. */
public record OutputConfig(String path) implements java.io.Serializable {}
