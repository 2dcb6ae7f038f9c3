package org.benchwright.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.benchwright.engine.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code benchwright project create|info PATH}. */
@Command(
    name = "project",
    description = "Create or inspect a project file.",
    mixinStandardHelpOptions = true,
    subcommands = {ProjectCommand.Create.class, ProjectCommand.Info.class})
final class ProjectCommand {

  @Command(name = "create", description = "Create a new, empty project file.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "the project file to create (.bwproj)")
    Path path;

    @Override
    public Integer call() {
      try (Project p = Project.create(path)) {
        spec.commandLine().getOut().println("Created " + p.file());
      }
      return 0;
    }
  }

  @Command(name = "info", description = "Show what a project file holds (opens it read-only).")
  static final class Info implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "the project file")
    Path path;

    @Override
    public Integer call() throws Exception {
      try (Project p = Project.openReadOnly(path)) {
        Project.Summary s = p.summary();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Project:  %s%n", p.file());
        out.printf("Format:   %d%n", s.schemaVersion());
        out.printf("Runs:     %d%n", s.runs());
        out.printf("Events:   %d%n", s.events());
        out.printf("Blobs:    %d (%,d bytes before compression)%n", s.blobs(), s.blobBytes());
        out.printf("Size:     %,d bytes%n", Files.size(p.file()));
      }
      return 0;
    }
  }
}
