package dev.vigil.config;

/**
 * Alert destinations (urls may be null) and delivery limits: each POST waits at most {@code
 * timeoutSeconds} and is tried {@code attempts} times with doubling pauses (1 s, 2 s, ...).
 */
public record AlertsConfig(String webhookUrl, String slackUrl, int timeoutSeconds, int attempts)
    implements java.io.Serializable {
  public static final int DEFAULT_TIMEOUT_SECONDS = 10;
  public static final int DEFAULT_ATTEMPTS = 3;

  public static AlertsConfig none() {
    return new AlertsConfig(null, null, DEFAULT_TIMEOUT_SECONDS, DEFAULT_ATTEMPTS);
  }

  public boolean any() {
    return webhookUrl != null || slackUrl != null;
  }
}
