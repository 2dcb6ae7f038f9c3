package org.benchwright.engine.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.benchwright.engine.automl.DatasetImport;
import org.benchwright.engine.automl.Examples;
import org.benchwright.engine.automl.Leaderboard;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.automl.Profile;
import org.benchwright.engine.automl.TrainedModel;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.sandbox.Sandboxes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The automl commands: datasets, a run's leaderboard, predictions, and a model's export. */
final class AutoMlCommands {

  /** How long a prediction may run in the sandbox. */
  static final Duration PREDICT_LIMIT = Duration.ofMinutes(30);

  private AutoMlCommands() {}

  static Sandboxes sandboxes(Project p) {
    return Sandboxes.start(Sandboxes.Settings.forProject(p, "automl").withWarmPool(0));
  }

  static RunInfo run(Project p, long run) {
    return p.runs()
        .find(run)
        .orElseThrow(() -> new IllegalArgumentException("No run " + run + " in " + p.file() + "."));
  }

  static Datasets.Dataset dataset(Project p, String name) {
    return p.datasets()
        .find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No dataset named '"
                        + name
                        + "'. Datasets: "
                        + String.join(
                            ", ", p.datasets().list().stream().map(Datasets.Dataset::name).toList())
                        + "."));
  }

  @Command(
      name = "dataset",
      description = "Add, list, show, re-target and delete the project's tabular datasets.",
      subcommands = {
        Dataset.Add.class,
        Dataset.ListCmd.class,
        Dataset.Show.class,
        Dataset.Target.class,
        Dataset.Delete.class
      })
  static final class Dataset {

    @Command(
        name = "add",
        description =
            "Add a CSV or Parquet file: profiled in the ml sandbox (types, missing values,"
                + " cardinality, target and task with the reason), then stored once in the"
                + " project; a file that fails any check stores nothing.")
    static final class Add implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Option(names = "--project", required = true, description = "the project file")
      Path project;

      @Option(names = "--name", description = "the dataset's name (default: the file's name)")
      String name;

      @Option(names = "--target", description = "the target column (default: detected)")
      String target;

      @Option(
          names = "--example",
          paramLabel = "NAME",
          description =
              "instead of a file, one of the datasets that ship inside scikit-learn:"
                  + " breast_cancer, wine, digits, diabetes, iris")
      String example;

      @Parameters(
          arity = "0..1",
          paramLabel = "FILE",
          description = "a .csv, .tsv, .txt, .parquet or .pq file")
      Path file;

      @Override
      public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        if ((file == null) == (example == null)) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(), "Give a FILE or --example NAME (one of them).");
        }
        try (Project p = Project.open(project);
            Sandboxes boxes = sandboxes(p)) {
          MlSandbox ml = MlSandbox.of(boxes);
          Path source = file;
          Path tmp = null;
          if (example != null) {
            tmp = Files.createTempDirectory("benchwright-example-");
            source = Examples.write(ml, example, tmp);
          }
          Datasets.Dataset d;
          try {
            d = new DatasetImport(p, ml).add(source, name, target);
          } finally {
            if (tmp != null) {
              Files.deleteIfExists(source);
              Files.deleteIfExists(tmp);
            }
          }
          out.printf(
              Locale.ROOT,
              "dataset %s: %d rows, %d columns; target %s (%s): %s%n",
              d.name(),
              d.rows(),
              d.columns(),
              d.target(),
              d.task(),
              d.taskReason());
          Profile.parse(d.profile()).warnings().forEach(w -> out.println("warning: " + w));
          out.flush();
        }
        return 0;
      }
    }

    @Command(name = "list", description = "Every dataset: rows, columns, target and task.")
    static final class ListCmd implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Option(names = "--project", required = true, description = "the project file")
      Path project;

      @Override
      public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Project p = Project.openReadOnly(project)) {
          List<Datasets.Dataset> all = p.datasets().list();
          if (all.isEmpty()) {
            out.println("No datasets; add one with `benchwright dataset add --project P FILE`.");
          }
          for (Datasets.Dataset d : all) {
            out.printf(
                Locale.ROOT,
                "%-24s %10d rows %5d cols  %-8s target %s (%s)%n",
                d.name(),
                d.rows(),
                d.columns(),
                d.format(),
                d.target(),
                d.task());
          }
          out.flush();
        }
        return 0;
      }
    }

    @Command(name = "show", description = "A dataset's profile.")
    static final class Show implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Option(names = "--project", required = true, description = "the project file")
      Path project;

      @Option(names = "--json", description = "print the profile as JSON")
      boolean json;

      @Parameters(paramLabel = "NAME")
      String name;

      @Override
      public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Project p = Project.openReadOnly(project)) {
          Datasets.Dataset d = dataset(p, name);
          out.print(json ? d.profile() + "\n" : Profile.parse(d.profile()).describe());
          if (!json && d.targetChosen()) {
            out.println("(target chosen by the user: " + d.taskReason() + ")");
          }
          out.flush();
        }
        return 0;
      }
    }

    @Command(
        name = "target",
        description =
            "Choose another target column; the task is detected for it (with the reason) in the"
                + " sandbox.")
    static final class Target implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Option(names = "--project", required = true, description = "the project file")
      Path project;

      @Parameters(index = "0", paramLabel = "NAME")
      String name;

      @Parameters(index = "1", paramLabel = "COLUMN")
      String column;

      @Override
      public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Project p = Project.open(project);
            Sandboxes boxes = sandboxes(p)) {
          dataset(p, name);
          Datasets.Dataset d = new DatasetImport(p, MlSandbox.of(boxes)).retarget(name, column);
          out.printf(
              "dataset %s: target %s (%s): %s%n", d.name(), d.target(), d.task(), d.taskReason());
          out.flush();
        }
        return 0;
      }
    }

    @Command(
        name = "delete",
        description = "Remove a dataset; runs that trained on it keep their copy of the file.")
    static final class Delete implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Option(names = "--project", required = true, description = "the project file")
      Path project;

      @Parameters(paramLabel = "NAME")
      String name;

      @Override
      public Integer call() {
        try (Project p = Project.open(project)) {
          dataset(p, name);
          p.datasets().delete(name);
          spec.commandLine().getOut().println("deleted dataset " + name);
          spec.commandLine().getOut().flush();
        }
        return 0;
      }
    }
  }

  @Command(
      name = "leaderboard",
      description =
          "An automl run's candidates ranked by cross-validated score, with fit and predict times,"
              + " memory, trials, status and the reason for any failure.")
  static final class LeaderboardCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Option(names = "--run", required = true, description = "the run's id")
    long run;

    @Option(names = "--csv", description = "print CSV instead of a table")
    boolean csv;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Project p = Project.openReadOnly(project)) {
        RunInfo info = run(p, run);
        Leaderboard board = Leaderboard.of(p, info.id());
        if (board.rows().isEmpty() && !csv) {
          throw new IllegalArgumentException(
              "Run " + run + " (" + info.workflow() + ") has trained no candidate.");
        }
        out.print(csv ? board.csv() : board.render());
        out.flush();
      }
      return 0;
    }
  }

  /** Which trained model: the options {@code predict} and {@code model export} share. */
  static final class ModelChoice {
    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Option(names = "--run", required = true, description = "the run's id")
    long run;

    @Option(names = "--model", defaultValue = "best", description = "best (default) or a name")
    String model;

    TrainedModel of(Project p) {
      return TrainedModel.of(p, run(p, run).id(), model);
    }
  }

  @Command(
      name = "predict",
      description =
          "Predict with a model an automl run trained, in the ml sandbox; the input is checked"
              + " against the model's features. Writes CSV (a prediction column) to standard"
              + " output or --out.")
  static final class Predict implements Callable<Integer> {
    @Spec CommandSpec spec;

    @CommandLine.Mixin ModelChoice choice;

    @Option(names = "--out", description = "write the CSV here instead of standard output")
    Path outFile;

    @Parameters(paramLabel = "INPUT", description = "a CSV or Parquet file with the features")
    Path input;

    @Override
    public Integer call() throws Exception {
      try (Project p = Project.openReadOnly(choice.project);
          Sandboxes boxes = sandboxes(p)) {
        TrainedModel m = choice.of(p);
        if (outFile != null) {
          try (OutputStream o = Files.newOutputStream(outFile)) {
            m.predict(input, MlSandbox.of(boxes), PREDICT_LIMIT, o);
          }
          spec.commandLine()
              .getErr()
              .println("wrote predictions of " + m.row().name() + " to " + outFile);
        } else {
          m.predict(input, MlSandbox.of(boxes), PREDICT_LIMIT, System.out);
        }
      }
      return 0;
    }
  }

  @Command(
      name = "model",
      description = "A trained automl model as files.",
      subcommands = {Model.Export.class})
  static final class Model {
    @Command(
        name = "export",
        description =
            "Write a standalone folder: the harness, plan, feature code and model that the run"
                + " recorded, the dataset, and reproduce.sh, which re-runs the cross-validation"
                + " with the recorded params.")
    static final class Export implements Callable<Integer> {
      @Spec CommandSpec spec;

      @CommandLine.Mixin ModelChoice choice;

      @Option(names = "--out", required = true, description = "the folder to write")
      Path out;

      @Option(names = "--no-data", description = "leave the dataset out")
      boolean noData;

      @Override
      public Integer call() {
        try (Project p = Project.openReadOnly(choice.project)) {
          TrainedModel m = choice.of(p);
          List<String> files = m.export(out, !noData);
          PrintWriter o = spec.commandLine().getOut();
          o.println("exported " + m.row().name() + " to " + out + ": " + String.join(", ", files));
          o.flush();
        }
        return 0;
      }
    }
  }
}
