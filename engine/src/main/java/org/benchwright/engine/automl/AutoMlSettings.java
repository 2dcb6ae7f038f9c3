package org.benchwright.engine.automl;

import java.time.Duration;
import java.util.List;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.settings.SettingScope;
import org.benchwright.engine.settings.SettingSpec;
import org.benchwright.engine.settings.SettingType;

/** The project settings automl reads; the workflow plug-in declares them. */
public final class AutoMlSettings {

  public static final String BUDGET_SECONDS = "automl.budget_seconds";
  public static final String PROFILE_SECONDS = "automl.profile_seconds";
  public static final String MAX_COLUMNS = "automl.max_columns";

  static final int DEFAULT_BUDGET_SECONDS = 60;
  static final int DEFAULT_PROFILE_SECONDS = 600;
  static final int DEFAULT_MAX_COLUMNS = 2000;

  private AutoMlSettings() {}

  public static List<SettingSpec> specs() {
    return List.of(
        SettingSpec.of(
            BUDGET_SECONDS,
            SettingScope.PROJECT,
            SettingType.integer(5, 7 * 24 * 3600),
            Integer.toString(DEFAULT_BUDGET_SECONDS),
            "Training budget of the default automl plan, in seconds of wall time (a hard limit:"
                + " the sandbox is killed)"),
        SettingSpec.of(
            PROFILE_SECONDS,
            SettingScope.PROJECT,
            SettingType.integer(10, 24 * 3600),
            Integer.toString(DEFAULT_PROFILE_SECONDS),
            "Seconds profiling a dataset may take in the sandbox"),
        SettingSpec.of(
            MAX_COLUMNS,
            SettingScope.PROJECT,
            SettingType.integer(2, 100_000),
            Integer.toString(DEFAULT_MAX_COLUMNS),
            "The most columns a dataset may have"));
  }

  public static int budgetSeconds(Project p) {
    return p.settings().get(BUDGET_SECONDS).map(Integer::parseInt).orElse(DEFAULT_BUDGET_SECONDS);
  }

  static Duration profileLimit(Project p) {
    return Duration.ofSeconds(
        p.settings().get(PROFILE_SECONDS).map(Integer::parseInt).orElse(DEFAULT_PROFILE_SECONDS));
  }

  static int maxColumns(Project p) {
    return p.settings().get(MAX_COLUMNS).map(Integer::parseInt).orElse(DEFAULT_MAX_COLUMNS);
  }
}
