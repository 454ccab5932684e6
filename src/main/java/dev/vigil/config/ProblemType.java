package dev.vigil.config;

/** The kind of model being monitored; decides how prediction and scores are read. */
public enum ProblemType {
    BINARY_CLASSIFICATION("binary_classification"),
    MULTICLASS_CLASSIFICATION("multiclass_classification"),
    REGRESSION("regression");

    private final String key;

    ProblemType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public boolean isClassification() {
        return this != REGRESSION;
    }
}
