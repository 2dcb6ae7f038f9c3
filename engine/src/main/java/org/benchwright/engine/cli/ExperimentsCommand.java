package org.benchwright.engine.cli;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.benchwright.engine.experiments.ExperimentTable;
import org.benchwright.engine.experiments.GitExport;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code benchwright experiments}: an experiment-loop run's results table, as TSV or git. */
@Command(
    name = "experiments",
    mixinStandardHelpOptions = true,
    description =
        "Print the experiments of a run; write them as TSV (autoresearch's columns plus ours) or"
            + " as a git repository (kept ones on main, each discarded one on its own branch).")
public final class ExperimentsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--project", required = true, description = "the project file")
  Path project;

  @Option(names = "--run", required = true, description = "the run's id")
  long run;

  @Option(names = "--tsv", description = "also write the table here as TSV")
  Path tsv;

  @Option(names = "--git", description = "also write the attempts as a git repository here")
  Path git;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Project p = Project.openReadOnly(project)) {
      RunInfo info =
          p.runs()
              .find(run)
              .orElseThrow(
                  () -> new IllegalArgumentException("No run " + run + " in " + project + "."));
      ExperimentTable table = ExperimentTable.of(p, info.id());
      if (table.rows().isEmpty()) {
        throw new IllegalArgumentException(
            "Run " + run + " (" + info.workflow() + ") recorded no experiments.");
      }
      out.print(table.render());
      out.flush(); // print() does not flush, and the CLI exits right after
      if (tsv != null) {
        try (BufferedWriter w = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
          table.writeTsv(w);
        }
        out.println("Wrote " + table.rows().size() + " rows to " + tsv);
      }
      if (git != null) {
        GitExport.Result r = GitExport.write(p, table, git);
        out.println(
            "Wrote "
                + r.commits()
                + " commits to "
                + git
                + ": "
                + r.onMain()
                + " on main, "
                + r.branches()
                + " attempt branches");
      }
    }
    return 0;
  }
}
