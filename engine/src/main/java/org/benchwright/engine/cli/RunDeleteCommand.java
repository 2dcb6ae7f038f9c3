package org.benchwright.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright runs delete}: deletes one run. Its forks keep what they shared with it (ADR
 * 0041), so the message says which forks now hold that history themselves.
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete a run and everything it recorded.",
      "Forks of the run keep their whole history: what they shared with it is copied into them."
    })
final class RunDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--project", required = true, description = "the project file")
  Path project;

  @Option(names = "--run", required = true, paramLabel = "ID", description = "the run to delete")
  long run;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // Project.open refuses a missing file rather than creating one, and takes the writer lock: a
    // desktop or a run writing the project makes this fail with its reason instead of racing it.
    try (Project p = Project.open(project)) {
      RunInfo info =
          p.runs()
              .find(run)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "No run " + run + " in " + project.getFileName() + "."));
      Runs.Deleted d = p.runs().delete(run);
      out.printf(
          "Deleted run %d (%s, %s): %d events.%n", d.runId(), info.workflow(), d.uid(), d.events());
      if (!d.forks().isEmpty()) {
        out.printf(
            "Forks %s now hold the %d events they shared with it.%n", d.forks(), d.eventsCopied());
      }
    }
    out.flush();
    return 0;
  }
}
