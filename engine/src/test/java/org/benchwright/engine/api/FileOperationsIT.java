package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.benchwright.engine.project.NewRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's files at a step through the service: listed and read as of any event, and every path that
 * would leave the run refused with a reason, reading nothing.
 */
class FileOperationsIT {

  @TempDir Path dir;

  @Test
  void filesAreListedAndReadAsOfAnEvent() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run = api.project.runs().create(new NewRun("engineer", "t", "{}")).id();
      long v1 = api.project.files().write(run, "import", "src/main.py", bytes("print(1)\n"));
      api.project.files().write(run, "import", "data/blob.bin", new byte[] {0, 1, 2, (byte) 0xff});
      long v2 = api.project.files().write(run, "coder", "src/main.py", bytes("print(2)\n"));
      api.project.files().delete(run, "coder", "data/blob.bin");

      JsonNode latest = api.get("/runs/" + run + "/files").json();
      assertThat(latest.get("at").asLong()).isEqualTo(api.project.events().lastSeq(run));
      assertThat(latest.get("files")).hasSize(1);
      JsonNode main = latest.get("files").get(0);
      assertThat(main.get("path").asText()).isEqualTo("src/main.py");
      assertThat(main.get("seq").asLong()).isEqualTo(v2);
      assertThat(main.get("size").asLong()).isEqualTo(9);
      assertThat(main.get("sha256").asText()).isEqualTo(sha256(bytes("print(2)\n")));

      JsonNode early = api.get("/runs/" + run + "/files?at=" + (v2 - 1)).json();
      assertThat(early.get("files").findValuesAsText("path"))
          .containsExactly("data/blob.bin", "src/main.py");

      var now = api.get("/runs/" + run + "/files/content?path=src/main.py");
      assertThat(now.status()).isEqualTo(200);
      assertThat(now.contentType()).startsWith("text/plain");
      assertThat(now.body()).isEqualTo("print(2)\n");
      assertThat(now.header("ETag")).isEqualTo("\"" + sha256(bytes("print(2)\n")) + "\"");
      var then = api.get("/runs/" + run + "/files/content?path=src%2Fmain.py&at=" + v1);
      assertThat(then.body()).isEqualTo("print(1)\n");
      var binary = api.get("/runs/" + run + "/files/content?path=data/blob.bin&at=" + (v2 - 1));
      assertThat(binary.status()).isEqualTo(200);
      assertThat(binary.contentType()).isEqualTo("application/octet-stream");

      var deleted = api.get("/runs/" + run + "/files/content?path=data/blob.bin");
      assertThat(deleted.status()).isEqualTo(404);
      assertThat(deleted.json().get("detail").asText())
          .isEqualTo(
              "Run "
                  + run
                  + " has no file data/blob.bin at event "
                  + api.project.events().lastSeq(run)
                  + ".");
      var future = api.get("/runs/" + run + "/files?at=999");
      assertThat(future.status()).isEqualTo(404);
      assertThat(future.json().get("detail").asText())
          .isEqualTo(
              "Run "
                  + run
                  + " has no event 999 (its last is "
                  + api.project.events().lastSeq(run)
                  + ").");
      assertThat(api.get("/runs/999/files").status()).isEqualTo(404);
      assertThat(api.get("/runs/" + run + "/files?at=-1").status()).isEqualTo(400);
      assertThat(api.get("/runs/" + run + "/files/content").status()).isEqualTo(400);
    }
  }

  @Test
  void aPathThatWouldLeaveTheRunIsRefusedAndNothingOutsideItIsRead() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run = api.project.runs().create(new NewRun("engineer", "t", "{}")).id();
      api.project.files().write(run, "import", "src/main.py", bytes("print(1)\n"));
      long other = api.project.runs().create(new NewRun("engineer", "other", "{}")).id();
      api.project.files().write(other, "import", "secret.txt", bytes("theirs"));
      Files.writeString(dir.resolve("outside.txt"), "on the disk");
      long events = api.project.summary().events();

      for (String path :
          List.of(
              "../outside.txt",
              "..%2Foutside.txt",
              "%2e%2e/outside.txt",
              "%2E%2E%2Foutside.txt",
              "src/../../outside.txt",
              "src/..",
              "./src/main.py",
              "/etc/passwd",
              "%2Fetc%2Fpasswd",
              "src%5Cmain.py",
              "..%5Coutside.txt",
              "src/main.py%00.txt",
              "C:/Windows/win.ini",
              "src//main.py",
              "src/",
              "src%0Amain.py")) {
        var r = api.get("/runs/" + run + "/files/content?path=" + path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith(ApiServer.PROBLEM);
        assertThat(r.json().get("detail").asText()).as(path).isNotBlank();
        assertThat(r.body()).doesNotContain("on the disk");
      }
      // Encoded twice it is decoded once: a file name with percent signs, which the run lacks.
      var twice = api.get("/runs/" + run + "/files/content?path=%252e%252e/outside.txt");
      assertThat(twice.status()).isEqualTo(404);
      // Another run's file is not this run's.
      var theirs = api.get("/runs/" + run + "/files/content?path=secret.txt");
      assertThat(theirs.status()).isEqualTo(404);
      assertThat(theirs.body()).doesNotContain("theirs");
      assertThat(api.project.summary().events()).isEqualTo(events);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
