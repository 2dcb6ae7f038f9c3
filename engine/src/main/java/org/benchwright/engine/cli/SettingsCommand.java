package org.benchwright.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.settings.SettingsCatalog;
import org.benchwright.engine.workflow.Workflows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright settings list|get|set|unset}: a project's settings, checked by the catalog.
 */
@Command(
    name = "settings",
    description = "List, read and change a project's settings.",
    mixinStandardHelpOptions = true,
    subcommands = {
      SettingsCommand.ListSettings.class,
      SettingsCommand.GetSetting.class,
      SettingsCommand.SetSetting.class,
      SettingsCommand.UnsetSetting.class
    })
final class SettingsCommand implements Callable<Integer> {

  /** Values longer than this are cut in the table; {@code get} shows them whole. */
  static final int CELL = 48;

  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: a usage error, as for an unknown one. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  private static SettingsCatalog catalog() {
    return Workflows.settings();
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Show every setting: key, value (- when not set), default and description. A pattern"
              + " ({workflow}, {node}, {tool}) is listed, then each key the project sets for it.")
  static final class ListSettings implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Override
    public Integer call() {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"KEY", "VALUE", "DEFAULT", "DESCRIPTION"});
      try (Project p = Project.openReadOnly(project)) {
        for (SettingsCatalog.Entry e : catalog().list(p)) {
          rows.add(
              new String[] {
                e.key(),
                cut(e.value().orElse("-")),
                cut(e.spec().defaultText()),
                e.spec().description()
              });
        }
      }
      int[] width = new int[3];
      for (String[] r : rows) {
        for (int i = 0; i < width.length; i++) {
          width[i] = Math.max(width[i], r[i].length());
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      for (String[] r : rows) {
        out.printf(
            "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s%n",
            r[0],
            r[1],
            r[2],
            r[3]);
      }
      return 0;
    }

    private static String cut(String s) {
      return s.length() <= CELL ? s : s.substring(0, CELL - 1) + "…";
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Show one setting: its value, default, what is allowed, and what it does.")
  static final class GetSetting implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Parameters(paramLabel = "KEY", description = "e.g. skills.learn_after")
    String key;

    @Override
    public Integer call() {
      try (Project p = Project.openReadOnly(project)) {
        SettingsCatalog.Entry e = catalog().get(p, key);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Key:         %s%n", e.key());
        out.printf("Value:       %s%n", e.value().orElse("(not set: the default applies)"));
        out.printf("Default:     %s%n", e.spec().defaultText());
        out.printf("Allowed:     %s%n", e.spec().type().allowed());
        out.printf("Scope:       %s%n", e.spec().scope());
        out.printf("Description: %s%n", e.spec().description());
      }
      return 0;
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description =
          "Change a setting. The value is checked first; when it is not allowed nothing is"
              + " written. Needs the project not open for writing elsewhere.")
  static final class SetSetting implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Parameters(index = "0", paramLabel = "KEY", description = "e.g. tool.approval.simulate")
    String key;

    @Parameters(
        index = "1",
        paramLabel = "VALUE",
        description = "as you would type it: ask, 4, or JSON for tables")
    String value;

    @Override
    public Integer call() {
      SettingsCatalog catalog = catalog();
      // Checked before opening, so a bad value fails without taking the writer lock.
      catalog.validate(key, value);
      try (Project p = Project.open(project)) {
        String stored = catalog.set(p, key, value);
        spec.commandLine()
            .getOut()
            .printf("%s = %s%n", key, catalog.specOf(key).type().display(stored));
      }
      return 0;
    }
  }

  @Command(
      name = "unset",
      mixinStandardHelpOptions = true,
      description = "Remove a setting's value, so its default applies again.")
  static final class UnsetSetting implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Parameters(paramLabel = "KEY", description = "e.g. skills.learn_after")
    String key;

    @Override
    public Integer call() {
      SettingsCatalog catalog = catalog();
      catalog.specOf(key);
      try (Project p = Project.open(project)) {
        boolean removed = catalog.unset(p, key);
        spec.commandLine()
            .getOut()
            .println(removed ? key + " is back to its default" : key + " was not set");
      }
      return 0;
    }
  }
}
