package org.benchwright.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.benchwright.engine.backup.Backups;
import org.benchwright.engine.backup.Bundles;
import org.benchwright.engine.project.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code benchwright bundle export|import}, {@code backup} and {@code restore}. */
final class BundleCommands {

  private BundleCommands() {}

  @Command(
      name = "bundle",
      description = "Move runs between projects as one bundle file.",
      mixinStandardHelpOptions = true,
      subcommands = {BundleCommands.Export.class, BundleCommands.Import.class})
  static final class Bundle {}

  @Command(name = "export", description = "Export runs (all when no --run) to a bundle file.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Option(names = "--out", required = true, description = "the bundle file to write")
    Path out;

    @Option(names = "--run", description = "a run id to export (repeatable)")
    List<Long> runs = new ArrayList<>();

    @Override
    public Integer call() {
      try (Project p = Project.openReadOnly(project)) {
        Bundles.ExportResult r = Bundles.export(p, runs, out);
        spec.commandLine()
            .getOut()
            .printf(
                "Exported %d run(s), %d rows, %d blobs to %s%n",
                r.runs(), r.rows(), r.blobs(), r.file());
      }
      return 0;
    }
  }

  @Command(name = "import", description = "Import every run of a bundle into a project.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Parameters(paramLabel = "FILE", description = "the bundle file")
    Path file;

    @Override
    public Integer call() {
      try (Project p = Project.open(project)) {
        Bundles.ImportResult r = Bundles.importBundle(p, file);
        for (int i = 0; i < r.uids().size(); i++) {
          spec.commandLine()
              .getOut()
              .printf("Imported run %s as run %d%n", r.uids().get(i), r.localIds().get(i));
        }
        for (String c : r.capabilities()) {
          spec.commandLine()
              .getOut()
              .printf(
                  "Imported capability %s (unverified until `benchwright capabilities test`)%n", c);
        }
        for (String skill : r.skills()) {
          spec.commandLine().getOut().printf("Imported skill %s%n", skill);
        }
        for (String k : r.kept()) {
          spec.commandLine()
              .getOut()
              .printf("Kept this project's %s (the bundle's was not taken)%n", k);
        }
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description =
          "Write a compressed, checksummed snapshot of a project (safe while it is in use).")
  static final class Backup implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--project", required = true, description = "the project file")
    Path project;

    @Option(names = "--to", required = true, description = "the folder for backups")
    Path to;

    @Option(names = "--keep", description = "backups to keep (default ${DEFAULT-VALUE})")
    int keep = Backups.DEFAULT_KEEP;

    @Override
    public Integer call() {
      Backups.Result r = Backups.backup(project, to, keep);
      spec.commandLine()
          .getOut()
          .printf(
              "Backed up to %s (%,d -> %,d bytes, ratio %.1f)%n",
              r.backup(), r.snapshotBytes(), r.compressedBytes(), r.ratio());
      return 0;
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = "Restore a backup (checksum verified first) to a project file.")
  static final class Restore implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "BACKUP", description = "the backup file (.bwproj.xz)")
    Path backup;

    @Option(names = "--to", required = true, description = "the project file to write")
    Path to;

    @Option(names = "--force", description = "replace an existing project file")
    boolean force;

    @Override
    public Integer call() {
      Path t = Backups.restore(backup, to, force);
      spec.commandLine().getOut().println("Restored " + t);
      return 0;
    }
  }
}
