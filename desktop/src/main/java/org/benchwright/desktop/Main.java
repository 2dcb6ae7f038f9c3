package org.benchwright.desktop;

import java.util.List;
import javafx.application.Application;

/**
 * Starts the workbench. Kept apart from {@link BenchwrightApp} because a main class that extends
 * {@code Application} refuses to start when JavaFX is on the classpath rather than the module path.
 * The command line is read here, before JavaFX starts, so that --help and a bad option answer at
 * once and with the CLI's exit codes.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    StartupTrace.mark("main");
    try {
      LaunchOptions.parse(List.of(args));
    } catch (LaunchOptions.UsageException e) {
      (e.exitCode() == 0 ? System.out : System.err).println(e.getMessage());
      System.exit(e.exitCode());
    }
    // Logging's set-up (logback reading its configuration, ~100 ms) and Jackson's first use (the
    // window placement and settings are JSON) are done here on a thread of their own, overlapping
    // JavaFX's start instead of delaying the first window on the FX thread (ADR 0036).
    Thread.ofPlatform().daemon().name("benchwright-warm-up").start(Main::warmUp);
    Application.launch(BenchwrightApp.class, args);
  }

  private static void warmUp() {
    org.slf4j.LoggerFactory.getILoggerFactory();
    try {
      new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"warm\": [1, 2.5, true]}");
    } catch (java.io.IOException e) {
      // Only a warm-up: the real reads report their own errors.
    }
  }
}
