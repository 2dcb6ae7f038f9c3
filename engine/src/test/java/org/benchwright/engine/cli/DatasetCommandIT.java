package org.benchwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.automl.Profile;
import org.benchwright.engine.project.BlobStore;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `benchwright dataset ...` with the real ml sandbox: scikit-learn's data and a Parquet copy are
 * profiled (target and task with the reason), a target is chosen by hand; then every bad file the
 * issue names, each refused with the harness's message and nothing stored.
 */
@ExtendWith(DockerRequired.class)
class DatasetCommandIT {

  @TempDir Path dir;
  @RegisterExtension final StandardStreams std = new StandardStreams();
  private final ByteArrayOutputStream out = std.out;
  private final ByteArrayOutputStream err = std.err;
  private Path file;

  @BeforeEach
  void create() {
    file = dir.resolve("data.bwproj");
    Project.create(file).close();
  }

  private int cli(String... args) {
    std.reset();
    return BenchwrightCli.run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anExampleAndItsParquetCopyAreProfiledAndATargetCanBeChosen() throws Exception {
    assertThat(cli("dataset", "add", "--project", file.toString(), "--example", "wine"))
        .as(err())
        .isZero();
    assertThat(out()).contains("dataset wine: 178 rows, 14 columns; target target (multiclass)");

    // A Parquet file, written by pandas in the sandbox from the same rows.
    Path parquet = parquetOf("wine");
    assertThat(
            cli(
                "dataset",
                "add",
                "--project",
                file.toString(),
                "--name",
                "wine_pq",
                parquet.toString()))
        .as(err())
        .isZero();
    assertThat(out()).contains("dataset wine_pq: 178 rows, 14 columns");

    assertThat(cli("dataset", "target", "--project", file.toString(), "wine", "alcohol"))
        .as(err())
        .isZero();
    assertThat(out()).contains("target alcohol (regression)");
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.datasets().find("wine").orElseThrow().targetChosen()).isTrue();
      Profile prof = Profile.parse(p.datasets().find("wine_pq").orElseThrow().profile());
      assertThat(prof.format()).isEqualTo("parquet");
      assertThat(prof.classes()).hasSize(3);
    }
    assertThat(cli("dataset", "list", "--project", file.toString())).isZero();
    assertThat(out()).contains("wine ").contains("wine_pq");
    assertThat(cli("dataset", "show", "--project", file.toString(), "wine")).isZero();
    assertThat(out()).contains("Target: alcohol").contains("chosen by the user");
  }

  @Test
  void anAllMissingColumnIsAWarningNotARefusal() throws Exception {
    StringBuilder csv = new StringBuilder("a,empty,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i).append(",,").append(i % 2).append('\n');
    }
    Path f = Files.writeString(dir.resolve("gaps.csv"), csv);
    assertThat(cli("dataset", "add", "--project", file.toString(), f.toString()))
        .as(err())
        .isZero();
    assertThat(out()).contains("warning: ").contains("'empty'").contains("missing");
  }

  @Test
  void everyBadFileIsRefusedWithTheHarnessMessageAndNothingIsStored() throws Exception {
    byte[] latin1 = "name,y\ncaf\u00e9,1\nthé,0\n".getBytes(StandardCharsets.ISO_8859_1);
    StringBuilder wide = new StringBuilder();
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 10_000; c++) {
        wide.append(c == 0 ? "" : ",").append(r == 0 ? "c" + c : Integer.toString(c % 7));
      }
      wide.append('\n');
    }
    Map<String, byte[]> bad =
        new java.util.LinkedHashMap<>(
            Map.of(
                "one.csv", "y\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8),
                "header.csv", "a,b,y\n".getBytes(StandardCharsets.UTF_8),
                "oneclass.csv", "a,y\n1,x\n2,x\n3,x\n".getBytes(StandardCharsets.UTF_8),
                "latin1.csv", latin1,
                "wide.csv", wide.toString().getBytes(StandardCharsets.UTF_8)));
    Map<String, String> expected =
        Map.of(
            "one.csv", "only one column",
            "header.csv", "no rows",
            "oneclass.csv", "one value",
            "latin1.csv", "not UTF-8",
            "wide.csv", "10000 columns; at most 2000");
    for (var e : bad.entrySet()) {
      Path f = Files.write(dir.resolve(e.getKey()), e.getValue());
      int code = cli("dataset", "add", "--project", file.toString(), f.toString());
      assertThat(code).as(e.getKey() + ": " + err()).isEqualTo(2);
      assertThat(err()).as(e.getKey()).contains(e.getKey()).contains(expected.get(e.getKey()));
      try (Project p = Project.openReadOnly(file)) {
        assertThat(p.datasets().list()).as(e.getKey()).isEmpty();
        assertThat(p.blobs().size(BlobStore.addressOf(e.getValue()))).as(e.getKey()).isEmpty();
      }
    }
    Path empty = Files.createFile(dir.resolve("empty.csv"));
    assertThat(cli("dataset", "add", "--project", file.toString(), empty.toString())).isEqualTo(2);
    assertThat(err()).contains("empty.csv: the file is empty.");
  }

  private Path parquetOf(String name) throws Exception {
    try (Project p = Project.openReadOnly(file);
        Sandboxes boxes = AutoMlCommands.sandboxes(p)) {
      MlSandbox ml = MlSandbox.of(boxes);
      Path csv = org.benchwright.engine.automl.Examples.write(ml, name, dir);
      ExecResult r =
          ml.run(
              MlSandbox.Inputs.of(Map.of(), Map.of("in.csv", csv)),
              "python3 -c \"import pandas as pd; pd.read_csv('in.csv').to_parquet('"
                  + name
                  + ".parquet')\"",
              Duration.ofSeconds(60),
              List.of(name + ".parquet"),
              dir);
      assertThat(r.exitCode()).as(r.stderrText()).isZero();
      return dir.resolve(name + ".parquet");
    }
  }
}
