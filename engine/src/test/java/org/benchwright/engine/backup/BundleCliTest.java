package org.benchwright.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.benchwright.engine.cli.BenchwrightCli;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCliTest {

  @TempDir Path dir;

  @Test
  void commandsSucceedAndFailWithExitCodes() throws Exception {
    Path src = dir.resolve("a.bwproj");
    long id;
    try (Project p = Project.create(src)) {
      id = p.runs().create(new NewRun("wf", "t", "{}")).id();
    }
    Path dst = dir.resolve("b.bwproj");
    Project.create(dst).close();
    Path bundle = dir.resolve("x.bwbundle");
    assertThat(
            BenchwrightCli.run(
                "bundle",
                "export",
                "--project",
                src.toString(),
                "--out",
                bundle.toString(),
                "--run",
                String.valueOf(id)))
        .isZero();
    assertThat(
            BenchwrightCli.run("bundle", "import", "--project", dst.toString(), bundle.toString()))
        .isZero();
    assertThat(
            BenchwrightCli.run("bundle", "import", "--project", dst.toString(), bundle.toString()))
        .isEqualTo(2);
    Path backups = dir.resolve("bk");
    assertThat(
            BenchwrightCli.run(
                "backup", "--project", src.toString(), "--to", backups.toString(), "--keep", "2"))
        .isZero();
    Path b = Backups.list(backups, "a").get(0);
    assertThat(BenchwrightCli.run("restore", b.toString(), "--to", dst.toString())).isEqualTo(2);
    assertThat(BenchwrightCli.run("restore", b.toString(), "--to", dst.toString(), "--force"))
        .isZero();
    assertThat(Files.exists(dst)).isTrue();
  }
}
