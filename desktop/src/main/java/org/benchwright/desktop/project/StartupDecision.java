package org.benchwright.desktop.project;

import java.nio.file.Path;
import java.util.function.Predicate;

/** What the workbench opens when it starts (ADR 0022). */
public sealed interface StartupDecision {

  /** Reopen the project that was open when the app last stopped. */
  record OpenLast(Path file) implements StartupDecision {}

  /** Nothing configured: create (if needed) and open the demo project. */
  record OpenDemo(Path file) implements StartupDecision {}

  /** Open nothing; {@code message} says why when the last project has gone (else null). */
  record OpenNothing(String message) implements StartupDecision {}

  static StartupDecision decide(DesktopSettings settings, Path demo, Predicate<Path> exists) {
    if (settings.isFirstLaunch()) {
      return new OpenDemo(demo);
    }
    Path last = settings.lastProject();
    if (last == null) {
      return new OpenNothing(null);
    }
    if (exists.test(last)) {
      return new OpenLast(last);
    }
    return new OpenNothing(
        "The last project, "
            + last
            + ", was moved or deleted. Open it from its new place with File ▸ Open Project….");
  }
}
