package dev.vigil.config;

/** Alert destinations (delivery comes with production mode); urls may be null. */
public record AlertsConfig(String webhookUrl, String slackUrl) {
  public static AlertsConfig none() {
    return new AlertsConfig(null, null);
  }
}
