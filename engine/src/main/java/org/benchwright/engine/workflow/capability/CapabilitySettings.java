package org.benchwright.engine.workflow.capability;

import java.time.Duration;
import java.util.List;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.settings.SettingScope;
import org.benchwright.engine.settings.SettingSpec;
import org.benchwright.engine.settings.SettingType;

/** The project settings the capability tools read. */
final class CapabilitySettings {

  static final String THRESHOLD = "capabilities.threshold";
  static final String MAX_FIXES = "capabilities.max_fixes";
  static final String TEST_SECONDS = "capabilities.test_seconds";
  static final String CALL_SECONDS = "capabilities.call_seconds";

  static final double DEFAULT_THRESHOLD = 0.75;
  static final int DEFAULT_MAX_FIXES = 3;
  static final int DEFAULT_TEST_SECONDS = 60;
  static final int DEFAULT_CALL_SECONDS = 30;

  private CapabilitySettings() {}

  static List<SettingSpec> specs() {
    return List.of(
        SettingSpec.of(
                THRESHOLD,
                SettingScope.PROJECT,
                SettingType.decimal(),
                SettingType.decimal().toStored(Double.toString(DEFAULT_THRESHOLD)),
                "Score at which find_capability offers a capability instead of synthesizing one")
            .checkedBy(
                (key, v) -> {
                  double d = Double.parseDouble(v);
                  if (d <= 0 || d > 1) {
                    throw new IllegalArgumentException("must be above 0 and at most 1");
                  }
                }),
        SettingSpec.of(
            MAX_FIXES,
            SettingScope.PROJECT,
            SettingType.integer(0, 20),
            Integer.toString(DEFAULT_MAX_FIXES),
            "Fixes a synthesis may try after its code first fails its tests"),
        SettingSpec.of(
            TEST_SECONDS,
            SettingScope.PROJECT,
            SettingType.integer(1, 3600),
            Integer.toString(DEFAULT_TEST_SECONDS),
            "Seconds a capability's tests may run in the sandbox before they are killed"),
        SettingSpec.of(
            CALL_SECONDS,
            SettingScope.PROJECT,
            SettingType.integer(1, 3600),
            Integer.toString(DEFAULT_CALL_SECONDS),
            "Seconds one capability call may run in the sandbox before it is killed"));
  }

  static double threshold(Project p) {
    return p.settings().get(THRESHOLD).map(Double::parseDouble).orElse(DEFAULT_THRESHOLD);
  }

  static int maxFixes(Project p) {
    return p.settings().get(MAX_FIXES).map(Integer::parseInt).orElse(DEFAULT_MAX_FIXES);
  }

  static Duration testLimit(Project p) {
    return Duration.ofSeconds(
        p.settings().get(TEST_SECONDS).map(Integer::parseInt).orElse(DEFAULT_TEST_SECONDS));
  }

  static Duration callLimit(Project p) {
    return Duration.ofSeconds(
        p.settings().get(CALL_SECONDS).map(Integer::parseInt).orElse(DEFAULT_CALL_SECONDS));
  }
}
