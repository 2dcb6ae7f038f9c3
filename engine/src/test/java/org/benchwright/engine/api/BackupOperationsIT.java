package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.benchwright.engine.backup.Backups;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups through the service (the cron endpoint): written where the service was told, with
 * retention, listed, one at a time; refusals write no file.
 */
class BackupOperationsIT {

  @TempDir Path dir;

  @Test
  void aBackupIsWrittenBesideTheProjectKeptAndListedNewestFirst() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      api.project.runs().create(new NewRun("engineer", "a task to keep", "{}"));
      Path folder = dir.resolve("backups");
      assertThat(api.get("/backups").json().get("backups")).isEmpty();

      var first = api.send("POST", "/backups", null, null, api.token.value());
      assertThat(first.status()).as(first.body()).isEqualTo(201);
      assertThat(first.header("Location")).isEqualTo("/backups");
      JsonNode made = first.json();
      assertThat(made.get("dir").asText()).isEqualTo(folder.toString());
      assertThat(made.get("keep").asInt()).isEqualTo(Backups.DEFAULT_KEEP);
      Path file = folder.resolve(made.get("backup").get("name").asText());
      assertThat(file).isRegularFile();
      assertThat(made.get("backup").get("bytes").asLong()).isEqualTo(Files.size(file));
      assertThat(made.get("backup").get("sha256").asText())
          .isEqualTo(
              java.util.HexFormat.of()
                  .formatHex(
                      java.security.MessageDigest.getInstance("SHA-256")
                          .digest(Files.readAllBytes(file))));
      // It restores to the project as it was.
      Path restored = Backups.restore(file, dir.resolve("restored.bwproj"), false);
      try (Project p = Project.openReadOnly(restored)) {
        assertThat(p.runs().list()).extracting(r -> r.task()).containsExactly("a task to keep");
      }

      assertThat(api.post("/backups", null).status()).isEqualTo(201);
      var third = api.post("/backups?keep=2", null);
      assertThat(third.status()).isEqualTo(201);
      JsonNode list = api.get("/backups").json();
      assertThat(list.get("backups")).hasSize(2);
      assertThat(list.get("backups").get(0).get("name").asText())
          .isEqualTo(third.json().get("backup").get("name").asText());
      assertThat(list.get("backups").findValuesAsText("name"))
          .doesNotContain(file.getFileName().toString());
      try (Stream<Path> files = Files.list(folder)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .hasSize(4) // two backups and their checksum files
            .allMatch(n -> n.startsWith("api-") && !n.startsWith("."));
      }
    }
  }

  @Test
  void badRequestsAndASecondBackupWhileOneIsWrittenAreRefusedAndWriteNothing() throws Exception {
    Path elsewhere = dir.resolve("nightly");
    try (ApiFixture api =
        ApiFixture.start(dir, ApiServer.Options.loopback(0).withBackupDir(elsewhere))) {
      for (var bad :
          List.of(
              api.post("/backups?keep=0", null),
              api.post("/backups?keep=ten", null),
              api.post("/backups?keep=10001", null),
              api.post("/backups", Map.of("dir", "/tmp")))) {
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith(ApiServer.PROBLEM);
      }
      assertThat(api.send("POST", "/backups", null, null, null).status()).isEqualTo(401);
      assertThat(elsewhere).doesNotExist();

      // Enough incompressible content that XZ takes a while, so the second request comes while
      // the first is being written.
      long run = api.project.runs().create(new NewRun("engineer", "t", "{}")).id();
      byte[] noise = new byte[2 << 20];
      new Random(7).nextBytes(noise);
      api.project.files().write(run, "import", "noise.bin", noise);
      CompletableFuture<ApiFixture.Response> first =
          CompletableFuture.supplyAsync(() -> api.post("/backups?keep=3", null));
      Poll.until(Duration.ofSeconds(30), () -> writing(elsewhere) || first.isDone());
      assertThat(first.isDone()).as("the first backup ended before it was seen").isFalse();
      var second = api.post("/backups", null);
      assertThat(second.status()).isEqualTo(409);
      assertThat(second.json().get("detail").asText())
          .isEqualTo("A backup of this project is being written; try again when it is done.");
      assertThat(first.get().status()).isEqualTo(201);
      assertThat(first.get().json().get("dir").asText()).isEqualTo(elsewhere.toString());
      assertThat(api.get("/backups").json().get("backups")).hasSize(1);
    }
  }

  /** A cron client waits for the whole backup: the answer comes even after the idle timeout. */
  @Test
  void aBackupLongerThanTheIdleTimeoutIsStillAnswered() {
    try (ApiFixture api =
        ApiFixture.start(
            dir, ApiServer.Options.loopback(0).withIdleTimeout(Duration.ofMillis(300)))) {
      long run = api.project.runs().create(new NewRun("engineer", "t", "{}")).id();
      byte[] noise = new byte[2 << 20];
      new Random(11).nextBytes(noise);
      api.project.files().write(run, "import", "noise.bin", noise);
      long started = System.nanoTime();
      var made = api.post("/backups", null);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThan(Duration.ofMillis(600));
      assertThat(made.status()).as(made.body()).isEqualTo(201);
    }
  }

  /**
   * A backup needs no writer lock: a service that only reads the project (another process writes
   * it) backs it up too, while deciding a gate there is refused.
   */
  @Test
  void aServiceThatOnlyReadsTheProjectBacksItUpButDecidesNothing() {
    try (Project writer = Project.create(dir.resolve(ApiFixture.FILE));
        ApiFixture api = ApiFixture.start(dir)) {
      long run = writer.runs().create(new NewRun("engineer", "written elsewhere", "{}")).id();
      assertThat(api.get("/project").json().get("readOnly").asBoolean()).isTrue();
      long events = writer.summary().events();

      var made = api.post("/backups?keep=1", null);
      assertThat(made.status()).as(made.body()).isEqualTo(201);
      Path restored =
          Backups.restore(
              dir.resolve("backups").resolve(made.json().get("backup").get("name").asText()),
              dir.resolve("restored.bwproj"),
              false);
      try (Project p = Project.openReadOnly(restored)) {
        assertThat(p.runs().find(run)).isPresent();
      }

      var decide = api.post("/runs/" + run + "/gate", Map.of("decision", "approve", "by", "erin"));
      assertThat(decide.status()).isEqualTo(409);
      assertThat(decide.json().get("detail").asText())
          .startsWith("Another process writes this project");
      assertThat(writer.summary().events()).isEqualTo(events);
    }
  }

  private static boolean writing(Path folder) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("."));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
