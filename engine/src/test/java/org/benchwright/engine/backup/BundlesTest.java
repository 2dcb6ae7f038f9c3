package org.benchwright.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.benchwright.engine.project.Approvals;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.ExecRecord;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.project.TodoItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path source;
  Path bundle;
  long runA;
  long runB;

  @BeforeEach
  void fill() {
    source = dir.resolve("source.bwproj");
    bundle = dir.resolve("runs.bwbundle");
    Random rnd = new Random(7);
    try (Project p = Project.create(source)) {
      runA = p.runs().create(new NewRun("coder", "task A", "{\"model\":\"m1\"}")).id();
      runB = p.runs().create(new NewRun("coder", "task B", "{\"model\":\"m2\"}")).id();
      for (int i = 0; i < 500; i++) {
        long run = i % 2 == 0 ? runA : runB;
        switch (i % 10) {
          case 3 -> p.files().write(run, "coder", "src/f" + (i % 4) + ".txt", ("v" + i).getBytes());
          case 5 -> {
            byte[] bin = new byte[3000];
            rnd.nextBytes(bin);
            p.files().write(run, "coder", "bin/mesh" + (i % 3) + ".stl", bin);
          }
          case 7 -> p.files().delete(run, "coder", "src/f" + ((i + 2) % 4) + ".txt");
          case 8 ->
              p.plans()
                  .revise(
                      run,
                      "planner",
                      "plan " + i,
                      List.of(
                          new TodoItem("step one " + i, "done", "proof " + i),
                          new TodoItem("step two", "todo", null)));
          case 9 ->
              p.execs()
                  .record(
                      run,
                      new ExecRecord(
                          "coder",
                          List.of("python", "-c", "print(" + i + ")"),
                          0,
                          12,
                          ("out " + i).getBytes(),
                          new byte[0],
                          false,
                          "{\"cpu\":1}",
                          "EXIT",
                          false,
                          null,
                          1_700_000_000_000L + i));
          default ->
              p.events()
                  .append(
                      run,
                      Event.of(EventType.NOTE, "coder", "{\"i\":" + i + ",\"t\":\"é\\n\\\"x\"}"));
        }
      }
      Approvals.Gate g =
          p.approvals().open(runA, "planner", "plan", JSON.createObjectNode().put("plan", "x"));
      p.approvals().decide(g, "planner", "approved", "fine", "ana", null);
      p.runs().addUsage(runA, 100, 20, 0.125);
      p.runs().finish(runA, RunStatus.SUCCEEDED, "passed", "all green", 1234);
    }
  }

  @Test
  void roundTripIsIdentical() {
    Path target = dir.resolve("target.bwproj");
    try (Project src = Project.openReadOnly(source)) {
      Bundles.export(src, List.of(), bundle);
    }
    try (Project dst = Project.create(target)) {
      dst.runs().create(new NewRun("other", "pre-existing", "{}")); // ids must shift
      Bundles.ImportResult r = Bundles.importBundle(dst, bundle);
      assertThat(r.uids()).hasSize(2);
    }
    try (Project src = Project.openReadOnly(source);
        Project dst = Project.openReadOnly(target)) {
      for (long id : List.of(runA, runB)) {
        RunInfo a = src.runs().find(id).orElseThrow();
        RunInfo b = dst.runs().findByUid(a.uid()).orElseThrow();
        assertThat(b.id()).isNotEqualTo(a.id());
        assertThat(b).usingRecursiveComparison().ignoringFields("id", "parentRunId").isEqualTo(a);
        List<RecordedEvent> ea = src.events().events(a.id(), 1, 100_000);
        List<RecordedEvent> eb = dst.events().events(b.id(), 1, 100_000);
        assertThat(eb).hasSameSizeAs(ea);
        for (int i = 0; i < ea.size(); i++) {
          assertThat(eb.get(i))
              .usingRecursiveComparison()
              .ignoringFields("runId")
              .isEqualTo(ea.get(i));
        }
        long last = src.events().lastSeq(a.id());
        assertThat(dst.events().lastSeq(b.id())).isEqualTo(last);
        for (long seq = 1; seq <= last; seq++) {
          var fa = src.files().filesAt(a.id(), seq);
          var fb = dst.files().filesAt(b.id(), seq);
          assertThat(fb).isEqualTo(fa);
          for (String path : fa.keySet()) {
            assertThat(dst.files().fileAt(b.id(), path, seq).orElseThrow())
                .isEqualTo(src.files().fileAt(a.id(), path, seq).orElseThrow());
          }
          assertThat(
                  dst.plans()
                      .at(b.id(), seq)
                      .map(pr -> List.of(pr.revision(), pr.seq(), pr.planText(), pr.items())))
              .isEqualTo(
                  src.plans()
                      .at(a.id(), seq)
                      .map(pr -> List.of(pr.revision(), pr.seq(), pr.planText(), pr.items())));
        }
      }
      assertThat(dst.integrityCheck()).isEqualTo("ok");
    }
  }

  @Test
  void importingTwiceIsRefusedAndChangesNothing() throws IOException {
    Path target = dir.resolve("target.bwproj");
    try (Project src = Project.openReadOnly(source)) {
      Bundles.export(src, List.of(runA), bundle);
    }
    try (Project dst = Project.create(target)) {
      Bundles.importBundle(dst, bundle);
    }
    byte[] before = Files.readAllBytes(target);
    try (Project dst = Project.open(target)) {
      assertThatThrownBy(() -> Bundles.importBundle(dst, bundle))
          .isInstanceOf(BundleException.class)
          .hasMessageContaining("already exists");
      assertThat(dst.runs().list()).hasSize(1);
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(before);
  }

  @Test
  void damagedForeignAndNewerBundlesAreRefusedWithoutChangingTheProject() throws Exception {
    Path target = dir.resolve("target.bwproj");
    try (Project src = Project.openReadOnly(source)) {
      Bundles.export(src, List.of(), bundle);
    }
    try (Project dst = Project.create(target)) {
      dst.runs().create(new NewRun("other", "pre-existing", "{}"));
    }
    byte[] before = Files.readAllBytes(target);
    byte[] good = Files.readAllBytes(bundle);

    Path truncated = dir.resolve("truncated.bwbundle");
    Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
    Path foreign = dir.resolve("foreign.bwbundle");
    Files.writeString(foreign, "just some text, not a zip");
    Path otherZip = dir.resolve("other.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(otherZip))) {
      z.putNextEntry(new ZipEntry("readme.txt"));
      z.write("hi".getBytes());
    }
    Path newer =
        rewrite(
            bundle,
            dir.resolve("newer.bwbundle"),
            "manifest.json",
            s -> s.replace("\"version\" : 1", "\"version\" : 99"));
    Path tampered =
        rewrite(
            bundle,
            dir.resolve("tampered.bwbundle"),
            eventsEntry(bundle),
            s -> s.replaceFirst("\"NOTE\"", "\"NOTF\""));
    Path corrupt = dir.resolve("corrupt.bwbundle");
    byte[] flipped = good.clone();
    int at = indexOf(flipped, "blobs/".getBytes()) + 200; // inside the first stored blob data
    flipped[at] ^= 0x55;
    Files.write(corrupt, flipped);

    Map<Path, String> cases =
        Map.of(
            truncated, "truncated",
            foreign, "not a Benchwright bundle",
            otherZip, "not a Benchwright bundle",
            newer, "newer Benchwright",
            tampered, "checksum mismatch",
            corrupt, "damaged");
    for (var c : cases.entrySet()) {
      try (Project dst = Project.open(target)) {
        assertThatThrownBy(() -> Bundles.importBundle(dst, c.getKey()))
            .as(c.getKey().getFileName().toString())
            .isInstanceOf(BundleException.class)
            .hasMessageContaining(c.getValue());
        assertThat(dst.runs().list()).hasSize(1);
      }
      assertThat(Files.readAllBytes(target)).as(c.getKey().toString()).isEqualTo(before);
    }
  }

  private static String eventsEntry(Path bundle) throws IOException {
    try (ZipFile z = new ZipFile(bundle.toFile())) {
      return z.stream()
          .map(ZipEntry::getName)
          .filter(n -> n.endsWith("/events.jsonl"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static Path rewrite(
      Path from, Path to, String entry, java.util.function.UnaryOperator<String> change)
      throws IOException {
    try (ZipFile in = new ZipFile(from.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      for (ZipEntry e : in.stream().toList()) {
        byte[] data = in.getInputStream(e).readAllBytes();
        if (e.getName().equals(entry)) {
          data =
              change
                  .apply(new String(data, StandardCharsets.UTF_8))
                  .getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(data);
        out.closeEntry();
      }
    }
    return to;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i < hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @SuppressWarnings("unused")
  private static void unused(OutputStream o) {}
}
