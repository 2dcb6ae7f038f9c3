package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {

  @TempDir Path dir;

  private static final NewRun RUN = new NewRun("benchmark-generator", "a ramp", "{}");

  @Test
  void appendedEventsReadBackInOrderAfterReopening() {
    Path file = dir.resolve("p.bwproj");
    long runId;
    try (Project p = Project.create(file)) {
      runId = p.runs().create(RUN).id();
      assertThat(p.events().append(runId, Event.of(EventType.NOTE, "planner", "{\"n\":1}")))
          .isEqualTo(1);
      assertThat(
              p.events()
                  .appendAll(
                      runId,
                      List.of(
                          Event.of(EventType.NOTE, "planner", "{\"n\":2}"),
                          Event.of(EventType.NOTE, "coder", "{\"n\":3}"))))
          .containsExactly(2, 3);
    }
    try (Project p = Project.open(file)) {
      List<RecordedEvent> page = p.events().events(runId, 2, 10);
      assertThat(page).extracting(RecordedEvent::seq).containsExactly(2L, 3L);
      assertThat(page.get(1).node()).isEqualTo("coder");
      assertThat(page.get(1).payloadJson()).isEqualTo("{\"n\":3}");
      assertThat(p.events().append(runId, Event.of(EventType.NOTE, null, "{}"))).isEqualTo(4);
      assertThat(p.events().lastSeq(runId)).isEqualTo(4);
    }
  }

  @Test
  void asyncAppendsFromManyThreadsGetUniqueContiguousSequenceNumbers() throws Exception {
    Path file = dir.resolve("p.bwproj");
    long run;
    try (Project p = Project.create(file)) {
      run = p.runs().create(RUN).id();
      List<java.util.concurrent.CompletableFuture<Long>> futures =
          java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      Thread[] producers = new Thread[4];
      for (int t = 0; t < producers.length; t++) {
        producers[t] =
            new Thread(
                () -> {
                  for (int i = 0; i < 2_500; i++) {
                    futures.add(p.events().appendAsync(run, Event.of(EventType.NOTE, null, "{}")));
                  }
                });
        producers[t].start();
      }
      for (Thread t : producers) {
        t.join();
      }
      List<Long> seqs =
          futures.stream().map(java.util.concurrent.CompletableFuture::join).sorted().toList();
      assertThat(seqs).hasSize(10_000).doesNotHaveDuplicates();
      assertThat(seqs.getFirst()).isEqualTo(1);
      assertThat(seqs.getLast()).isEqualTo(10_000);
      // A synchronous append after them continues the same sequence.
      assertThat(p.events().append(run, Event.of(EventType.NOTE, null, "{}"))).isEqualTo(10_001);
    }
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.events().lastSeq(run)).isEqualTo(10_001);
    }
  }

  @Test
  void aBadAsyncAppendFailsAloneAndItsNeighboursAreCommitted() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long run = p.runs().create(RUN).id();
      var before = p.events().appendAsync(run, Event.of(EventType.NOTE, null, "{}"));
      var bad = p.events().appendAsync(999, Event.of(EventType.NOTE, null, "{}"));
      var after = p.events().appendAsync(run, Event.of(EventType.NOTE, null, "{}"));
      assertThatThrownBy(bad::join)
          .hasCauseInstanceOf(ProjectException.class)
          .hasMessageContaining("No run 999");
      assertThat(before.join()).isEqualTo(1);
      assertThat(after.join()).isEqualTo(2);
    }
  }

  @Test
  void closingCommitsAsyncAppendsStillQueued() {
    Path file = dir.resolve("p.bwproj");
    long run;
    List<java.util.concurrent.CompletableFuture<Long>> futures = new java.util.ArrayList<>();
    try (Project p = Project.create(file)) {
      run = p.runs().create(RUN).id();
      for (int i = 0; i < 5_000; i++) {
        futures.add(p.events().appendAsync(run, Event.of(EventType.NOTE, null, "{}")));
      }
    }
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.events().lastSeq(run)).isEqualTo(5_000);
    }
  }

  @Test
  void sequencesArePerRun() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long a = p.runs().create(RUN).id();
      long b = p.runs().create(RUN).id();
      p.events().append(a, Event.of(EventType.NOTE, null, "{}"));
      p.events().append(a, Event.of(EventType.NOTE, null, "{}"));
      assertThat(p.events().append(b, Event.of(EventType.NOTE, null, "{}"))).isEqualTo(1);
    }
  }

  @Test
  void appendingToAnUnknownRunSaysSoAndWritesNothing() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      assertThatThrownBy(() -> p.events().append(42, Event.of(EventType.NOTE, null, "{}")))
          .isInstanceOf(ProjectException.class)
          .hasMessageContaining("No run 42");
      long run = p.runs().create(RUN).id();
      assertThat(p.events().append(run, Event.of(EventType.NOTE, null, "{}"))).isEqualTo(1);
    }
  }

  @Test
  void filesAtAStepAreWhatEventsUpToThatStepWrote() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long run = p.runs().create(RUN).id();
      long s1 = p.files().write(run, "coder", "gen.py", bytes("v1"));
      long s2 = p.files().write(run, "coder", "scene/model.xml", bytes("<mujoco/>"));
      long s3 = p.files().write(run, "coder", "gen.py", bytes("v2"));
      long s4 = p.files().delete(run, "coder", "scene/model.xml");

      assertThat(p.files().filesAt(run, s1)).containsOnlyKeys("gen.py");
      assertThat(p.files().filesAt(run, s2)).containsOnlyKeys("gen.py", "scene/model.xml");
      assertThat(p.files().filesAt(run, s4)).containsOnlyKeys("gen.py");
      assertThat(p.files().fileAt(run, "gen.py", s2)).hasValue(bytes("v1"));
      assertThat(p.files().fileAt(run, "gen.py", s3)).hasValue(bytes("v2"));
      assertThat(p.files().fileAt(run, "scene/model.xml", s4)).isEmpty();
      assertThat(p.events().events(run, 1, 10))
          .extracting(RecordedEvent::type)
          .containsOnly(EventType.FILE_CHANGE)
          .hasSize(4);
    }
  }

  @Test
  void theVersionOfOneFileAtAStepIsTheLatestWriteUpToItAndNoneAfterADelete() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long run = p.runs().create(RUN).id();
      long s1 = p.files().write(run, "coder", "gen.py", bytes("v1"));
      long s2 = p.files().write(run, "coder", "scene/model.xml", bytes("<mujoco/>"));
      long s3 = p.files().write(run, "coder", "gen.py", bytes("v2"));
      long s4 = p.files().delete(run, "coder", "scene/model.xml");

      assertThat(p.files().versionAt(run, "gen.py", s1 - 1)).isEmpty();
      assertThat(p.files().versionAt(run, "gen.py", s2))
          .hasValueSatisfying(v -> assertThat(v.seq()).isEqualTo(s1));
      assertThat(p.files().versionAt(run, "./gen.py", s4))
          .hasValueSatisfying(
              v -> {
                assertThat(v.path()).isEqualTo("gen.py");
                assertThat(v.seq()).isEqualTo(s3);
                assertThat(v.blobSha())
                    .isEqualTo(p.files().filesAt(run, s3).get("gen.py").blobSha());
              });
      assertThat(p.files().versionAt(run, "scene/model.xml", s3)).isPresent();
      assertThat(p.files().versionAt(run, "scene/model.xml", s4)).isEmpty();
    }
  }

  @Test
  void runFilePathsMustStayInsideTheRun() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long run = p.runs().create(RUN).id();
      for (String bad : List.of("/etc/passwd", "../x", "a/../../x", "a//b", "", "dir/")) {
        assertThatThrownBy(() -> p.files().write(run, "coder", bad, bytes("x")))
            .as(bad)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(p.events().lastSeq(run)).isZero();
    }
  }

  @Test
  void blobsRoundTripAndAreStoredOnce() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      byte[] text = "hello ".repeat(10_000).getBytes(StandardCharsets.UTF_8);
      byte[] random = new byte[50_000];
      new java.util.Random(7).nextBytes(random);
      String a = p.blobs().put(text);
      assertThat(p.blobs().put(text)).isEqualTo(a);
      String b = p.blobs().put(random);
      assertThat(p.blobs().get(a)).hasValue(text);
      assertThat(p.blobs().get(b)).hasValue(random);
      assertThat(p.blobs().get("0".repeat(64))).isEmpty();
    }
  }

  @Test
  void createRefusesAnExistingFile() throws Exception {
    Path file = dir.resolve("exists.bwproj");
    Files.writeString(file, "mine");
    assertThatThrownBy(() -> Project.create(file)).hasMessageContaining("already exists");
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  @Test
  void settingsPersist() {
    Path file = dir.resolve("p.bwproj");
    try (Project p = Project.create(file)) {
      p.settings().put("sandbox.memoryMb", "512");
      p.settings().put("sandbox.memoryMb", "1024");
    }
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.settings().get("sandbox.memoryMb")).hasValue("1024");
      assertThat(p.settings().all()).containsKey("format");
    }
  }

  @Test
  void aClosedProjectIsOneFileEvenAfterReadOnlyUse() throws Exception {
    Path file = dir.resolve("p.bwproj");
    Project.create(file).close();
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.runs().list()).isEmpty();
      assertThatThrownBy(() -> p.runs().create(RUN)).hasMessageContaining("read-only");
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("p.bwproj", "p.bwproj.lock");
    }
  }

  @Test
  void runsThatWereRunningWhenTheProcessDiedAreInterruptedOnOpen() {
    Path file = dir.resolve("p.bwproj");
    long run;
    try (Project p = Project.create(file)) {
      run = p.runs().create(RUN).id();
      p.runs().setStatus(run, RunStatus.RUNNING);
    }
    try (Project p = Project.open(file)) {
      assertThat(p.runs().find(run).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
