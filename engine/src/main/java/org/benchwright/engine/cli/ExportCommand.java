package org.benchwright.engine.cli;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.benchwright.engine.export.ExportFilter;
import org.benchwright.engine.export.ExportResult;
import org.benchwright.engine.export.ExportSplit;
import org.benchwright.engine.export.FineTuneValidator;
import org.benchwright.engine.export.TrainingDataExport;
import org.benchwright.engine.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code benchwright export}: runs as fine-tuning JSONL (and preference pairs). */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export recorded runs as OpenAI chat fine-tuning JSONL (secrets redacted), optionally with"
            + " a validation split and DPO preference pairs from plan decisions and from forks"
            + " whose outcomes differ.")
public final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--project", required = true, description = "the project file")
  Path project;

  @Option(names = "--out", required = true, description = "training JSONL to write")
  Path out;

  @Option(names = "--validation-out", description = "validation JSONL to write")
  Path validationOut;

  @Option(
      names = "--validation-fraction",
      defaultValue = "0.1",
      description = "share of runs for validation with --validation-out (default ${DEFAULT-VALUE})")
  double validationFraction;

  @Option(names = "--seed", defaultValue = "0", description = "split seed (default 0)")
  long seed;

  @Option(names = "--workflow", description = "only runs of this workflow")
  String workflow;

  @Option(names = "--node", description = "only episodes of this node (role)")
  String node;

  @Option(names = "--outcome", description = "passed or failed")
  String outcome;

  @Option(names = "--model", description = "MODEL or PROVIDER:MODEL of the run")
  String model;

  @Option(names = "--since", description = "runs created on or after (YYYY-MM-DD or ISO instant)")
  String since;

  @Option(names = "--until", description = "runs created up to (YYYY-MM-DD inclusive, or instant)")
  String until;

  @Option(names = "--benchmarks-only", description = "only runs that stored a benchmark")
  boolean benchmarksOnly;

  @Option(names = "--preferences", description = "also write DPO preference pairs here")
  Path preferences;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    if (outcome != null && !outcome.equals("passed") && !outcome.equals("failed")) {
      throw new IllegalArgumentException("--outcome must be passed or failed, not " + outcome);
    }
    ExportFilter filter =
        new ExportFilter(
            workflow,
            node,
            outcome,
            model,
            since == null ? null : instant(since, false),
            until == null ? null : instant(until, true),
            benchmarksOnly);
    ExportSplit split =
        validationOut == null ? ExportSplit.NONE : new ExportSplit(validationFraction, seed);
    try (Project p = Project.openReadOnly(project)) {
      TrainingDataExport export = new TrainingDataExport(p);
      ExportResult r;
      try (BufferedWriter train = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
          BufferedWriter validation =
              validationOut == null
                  ? null
                  : Files.newBufferedWriter(validationOut, StandardCharsets.UTF_8)) {
        r = export.export(filter, split, train, validation, (a, b) -> {}, () -> false);
      }
      o.printf(
          "Runs: %d selected; %d training, %d validation%n",
          r.runs(), r.trainRuns(), r.validationRuns());
      o.printf("Episodes: %d training, %d validation%n", r.trainLines(), r.validationLines());
      o.printf(
          "Left out: %d with unanswered tool calls, %d where the model never answered%n",
          r.dropped(), r.empty());
      o.printf("Events read: %d%n", r.eventsRead());
      boolean ok = validate(o, out, false);
      if (validationOut != null) {
        ok &= validate(o, validationOut, false);
      }
      if (preferences != null) {
        ExportResult pr;
        try (BufferedWriter w = Files.newBufferedWriter(preferences, StandardCharsets.UTF_8)) {
          pr = export.exportPreferences(filter, w, (a, b) -> {}, () -> false);
        }
        o.printf("Preference pairs: %d from %d runs%n", pr.trainLines(), pr.trainRuns());
        ok &= validate(o, preferences, true);
      }
      return ok ? 0 : 1;
    }
  }

  private static boolean validate(PrintWriter o, Path file, boolean preferences) throws Exception {
    FineTuneValidator.Report report;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      FineTuneValidator v = new FineTuneValidator();
      report = preferences ? v.validatePreferences(in) : v.validateChat(in);
    }
    if (report.ok()) {
      o.printf("%s: %d lines, format checked%n", file, report.lines());
      return true;
    }
    o.printf("%s: %d of %d lines are invalid%n", file, report.problems().size(), report.lines());
    report.problems().stream().limit(20).forEach(pr -> o.println("  " + pr));
    return false;
  }

  private static Instant instant(String text, boolean endOfDay) {
    if (text.length() == 10) {
      LocalDate d = LocalDate.parse(text);
      return (endOfDay ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    return Instant.parse(text);
  }
}
