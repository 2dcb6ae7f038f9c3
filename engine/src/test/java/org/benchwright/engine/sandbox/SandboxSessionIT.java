package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.benchwright.testsupport.DockerRequired;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DockerRequired.class)
class SandboxSessionIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final String owner = "it-" + UUID.randomUUID();
  private final List<Sandboxes> started = new ArrayList<>();

  private Sandboxes start(Sandboxes.Settings settings) {
    Sandboxes s = Sandboxes.start(settings);
    started.add(s);
    return s;
  }

  private Sandboxes start() {
    return start(Sandboxes.Settings.forOwner(owner).withWarmPool(0));
  }

  @AfterEach
  void nothingIsLeftBehind() {
    started.forEach(Sandboxes::close);
    assertThat(DockerLeftovers.of(owner)).isEmpty();
  }

  @Test
  void aCommandsOutputExitCodeAndDurationAreReported() {
    try (SandboxSession s = start().open("run-1")) {
      ExecResult r = s.run("echo out; echo err >&2; exit 3", Duration.ofSeconds(30));
      assertThat(r.termination()).isEqualTo(Termination.EXIT);
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.stdoutText()).isEqualTo("out\n");
      assertThat(r.stderrText()).isEqualTo("err\n");
      assertThat(r.succeeded()).isFalse();
      assertThat(r.duration()).isPositive();
      assertThat(s.run("pwd; id -u", Duration.ofSeconds(30)).stdoutText())
          .isEqualTo("/workspace\n1000\n");
    }
  }

  @Test
  void filesRoundTripByteExactIncludingBinaryAndAHundredMegabytes() {
    byte[] binary = new byte[256 * 1024];
    new Random(1).nextBytes(binary);
    byte[] big = new byte[100 * 1024 * 1024];
    new Random(2).nextBytes(big);
    try (SandboxSession s = start().open("files")) {
      s.writeFiles(
          Map.of("bin/data.bin", binary, "big.bin", big, "src/gen.py", "print(1)\n".getBytes()));
      ExecResult r =
          s.run(
              "sha256sum big.bin bin/data.bin && cp bin/data.bin copy.bin && ls -ln src",
              Duration.ofSeconds(60));
      assertThat(r.succeeded()).as("%s", r).isTrue();
      assertThat(r.stdoutText())
          .contains(sha256(big))
          .contains(sha256(binary))
          .contains(" 1000 1000 ");
      Map<String, byte[]> back = s.readFiles();
      assertThat(back).containsKeys("big.bin", "bin/data.bin", "copy.bin", "src/gen.py");
      assertThat(back.get("big.bin")).isEqualTo(big);
      assertThat(back.get("copy.bin")).isEqualTo(binary);
    }
  }

  @Test
  void aTimedOutCommandRestartsTheSessionWithAnEmptyWorkspace() {
    try (SandboxSession s = start().open("timeout")) {
      s.writeFiles(Map.of("keep.txt", "x".getBytes()));
      String before = s.containerId();
      ExecResult r = s.run("sleep 30", Duration.ofSeconds(2));
      assertThat(r.termination()).isEqualTo(Termination.TIMEOUT);
      assertThat(r.sessionRestarted()).isTrue();
      assertThat(r.exitCode()).isNull();
      assertThat(s.generation()).isEqualTo(1);
      assertThat(s.containerId()).isNotEqualTo(before);
      assertThat(s.readFiles()).isEmpty();
      assertThat(s.run("echo ok", Duration.ofSeconds(30)).stdoutText()).isEqualTo("ok\n");
    }
  }

  @Test
  void fourSessionsInParallelOnTwoCoresAllFinish() throws Exception {
    Sandboxes sandboxes =
        start(Sandboxes.Settings.forOwner(owner).withWarmPool(0).withMaxConcurrent(2));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<ExecResult>>> work = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int n = i;
        work.add(
            pool.submit(
                () -> {
                  try (SandboxSession s = sandboxes.open("par-" + n)) {
                    List<ExecResult> results = new ArrayList<>();
                    for (int k = 0; k < 5; k++) {
                      s.writeFiles(Map.of("in.txt", ("session " + n + " step " + k).getBytes()));
                      results.add(
                          s.run(
                              "python3 -c \"import hashlib;print(sum(range(200000)))\" && cat in.txt",
                              Duration.ofSeconds(120)));
                    }
                    return results;
                  }
                }));
      }
      for (int i = 0; i < 4; i++) {
        List<ExecResult> results = work.get(i).get(5, TimeUnit.MINUTES);
        assertThat(results).allMatch(ExecResult::succeeded);
        assertThat(results.getLast().stdoutText()).contains("session " + i + " step 4");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void commandsWaitInOrderForAFreeSlotAndAWaitingOneCanBeCancelled() throws Exception {
    Sandboxes sandboxes =
        start(Sandboxes.Settings.forOwner(owner).withWarmPool(0).withMaxConcurrent(1));
    List<SandboxSession> sessions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sessions.add(sandboxes.open("q-" + i));
    }
    List<String> startedOrder = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<ExecResult> holder =
          pool.submit(() -> sessions.get(0).run("sleep 3", Duration.ofSeconds(30)));
      Poll.until(WAIT, () -> sandboxes.queued() == 0 && !holder.isDone());
      Thread.sleep(300);
      List<Future<ExecResult>> queued = new ArrayList<>();
      for (int i = 1; i < 4; i++) {
        int n = i;
        queued.add(
            pool.submit(
                () -> {
                  ExecResult r = sessions.get(n).run("echo " + n, Duration.ofSeconds(30));
                  startedOrder.add(r.stdoutText().trim());
                  return r;
                }));
        int expected = i;
        Poll.until(WAIT, () -> sandboxes.queued() == expected);
      }
      queued.get(1).cancel(true); // the second in line gives up
      assertThat(holder.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
      assertThat(queued.get(0).get(30, TimeUnit.SECONDS).succeeded()).isTrue();
      assertThat(queued.get(2).get(30, TimeUnit.SECONDS).succeeded()).isTrue();
      assertThat(startedOrder).containsExactly("1", "3");
    } finally {
      pool.shutdownNow();
      sessions.forEach(SandboxSession::close);
    }
  }

  @Test
  void aCancelledWaitSaysSo() throws Exception {
    Sandboxes sandboxes =
        start(Sandboxes.Settings.forOwner(owner).withWarmPool(0).withMaxConcurrent(1));
    try (SandboxSession a = sandboxes.open("a");
        SandboxSession b = sandboxes.open("b")) {
      CompletableFuture<ExecResult> busy =
          CompletableFuture.supplyAsync(() -> a.run("sleep 2", Duration.ofSeconds(30)));
      Poll.until(WAIT, () -> !busy.isDone() && sandboxes.queued() == 0);
      Thread.sleep(300);
      Thread.currentThread().interrupt();
      assertThatThrownBy(() -> b.run("true", Duration.ofSeconds(30)))
          .isInstanceOf(SandboxException.class)
          .hasMessageContaining("Cancelled")
          .extracting(e -> ((SandboxException) e).kind())
          .isEqualTo(SandboxException.Kind.CANCELLED);
      assertThat(Thread.interrupted()).isTrue();
      busy.join();
    }
  }

  @Test
  void theWarmPoolHandsOutStartedContainersAndRefills() throws Exception {
    Sandboxes sandboxes = start(Sandboxes.Settings.forOwner(owner).withWarmPool(2));
    Poll.until(WAIT, () -> sandboxes.warmReady() == 2);
    long t0 = System.nanoTime();
    try (SandboxSession s = sandboxes.open("warm")) {
      assertThat(s.run("true", Duration.ofSeconds(30)).succeeded()).isTrue();
      long readyMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(readyMs).as("a warm session needs no container start").isLessThan(2_000);
      Poll.until(WAIT, () -> sandboxes.warmReady() == 2);
    }
  }

  @Test
  void orphansOfACrashedProcessAreRemovedAtStart() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Map<String, String> orphanLabels = Labels.of("crashed-" + owner, "run-9");
    orphanLabels.put(Labels.PID, Long.toString(dead.pid()));
    try (DockerAccess docker = new DockerAccess()) {
      Containers.Box orphan = new Containers(docker).create(SandboxSpec.defaults(), orphanLabels);
      Containers.Box mine =
          new Containers(docker).create(SandboxSpec.defaults(), Labels.of(owner, "run-1"));
      start();
      assertThat(DockerLeftovers.of("crashed-" + owner)).isEmpty();
      assertThat(DockerLeftovers.of(owner)).isEmpty();
      assertThat(orphan.containerId()).isNotEqualTo(mine.containerId());
    }
  }

  @Test
  void aMissingImageNamesTheCommandThatBuildsIt() {
    SandboxSpec missing = new SandboxSpec("benchwright/does-not-exist:0", SandboxLimits.defaults());
    Sandboxes sandboxes = start();
    assertThatThrownBy(() -> sandboxes.open("x", missing))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("benchwright/does-not-exist:0")
        .hasMessageContaining("sandbox-images/build.sh");
    assertThatThrownBy(
            () -> Sandboxes.start(Sandboxes.Settings.forOwner(owner).withDefaults(missing)))
        .extracting(e -> ((SandboxException) e).kind())
        .isEqualTo(SandboxException.Kind.IMAGE_MISSING);
  }

  @Test
  void copyingIntoAFullWorkspaceFailsClearly() {
    SandboxSpec small =
        SandboxSpec.defaults().withLimits(SandboxLimits.defaults().withWorkspaceBytes(8L << 20));
    try (SandboxSession s = start().open("full", small)) {
      assertThatThrownBy(() -> s.writeFiles(Map.of("big.bin", new byte[16 << 20])))
          .isInstanceOf(SandboxException.class)
          .hasMessageContaining("full");
      assertThat(s.run("echo still-here", Duration.ofSeconds(30)).stdoutText())
          .contains("still-here");
    }
  }

  private static String sha256(byte[] data) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
