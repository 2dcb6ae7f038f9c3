package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BigBlobsTest {

  @TempDir Path dir;

  /** 9.5 MiB: half random (stored raw), half text (deflated), so both part codecs are used. */
  private static byte[] content() {
    byte[] b = new byte[9 * 1024 * 1024 + 512 * 1024];
    new Random(7).nextBytes(b);
    for (int i = b.length / 2; i < b.length; i++) {
      b[i] = (byte) ('a' + i % 26);
    }
    return b;
  }

  @Test
  void aStreamedBigBlobIsStoredInPartsUnderTheAddressOfItsWholeContent() throws Exception {
    byte[] data = content();
    Path file = dir.resolve("p.bwproj");
    String sha;
    try (Project p = Project.create(file)) {
      sha = p.blobs().put(new ByteArrayInputStream(data));
      assertThat(sha).isEqualTo(BlobStore.addressOf(data));
      assertThat(p.blobs().put(new ByteArrayInputStream(data))).isEqualTo(sha); // stored once
      assertThat(p.blobs().size(sha)).contains((long) data.length);
      assertThat(p.blobs().get(sha)).hasValueSatisfying(b -> assertThat(b).isEqualTo(data));
      try (InputStream in = p.blobs().open(sha).orElseThrow()) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var rs =
            c.createStatement()
                .executeQuery("SELECT count(*), count(DISTINCT codec) FROM blob_chunks")) {
      assertThat(rs.getInt(1)).isEqualTo(10);
      assertThat(rs.getInt(2)).isEqualTo(2);
    }
  }

  @Test
  void smallContentStaysOneRowAndAMissingPartIsReportedAsDamage() throws Exception {
    Path file = dir.resolve("p.bwproj");
    String sha;
    try (Project p = Project.create(file)) {
      String small = p.blobs().put(new ByteArrayInputStream("hello".getBytes()));
      assertThat(p.blobs().get(small))
          .hasValueSatisfying(b -> assertThat(b).isEqualTo("hello".getBytes()));
      sha = p.blobs().put(new ByteArrayInputStream(content()));
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      c.createStatement().executeUpdate("DELETE FROM blob_chunks WHERE part = 3");
    }
    try (Project p = Project.open(file)) {
      assertThatThrownBy(() -> p.blobs().get(sha))
          .isInstanceOf(ProjectException.Corrupt.class)
          .hasMessageContaining("damaged: part 3");
    }
  }

  @Test
  void runFilesRecordManyChangesAndLinksInOneGo() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long run = p.runs().create(new NewRun("engineer", "t", "{}")).id();
      String a = p.blobs().put("A".getBytes());
      String target = p.blobs().put("/etc/passwd".getBytes());
      long[] seqs =
          p.files()
              .record(
                  run,
                  "engineer",
                  List.of(
                      new RunFiles.Change("a.txt", a, 1, false),
                      new RunFiles.Change("pw", target, 11, true)));
      assertThat(seqs).hasSize(2);
      var files = p.files().filesAt(run, seqs[1]);
      assertThat(files.get("a.txt").size()).isEqualTo(1);
      assertThat(files.get("a.txt").symlink()).isFalse();
      assertThat(files.get("pw").symlink()).isTrue();
      p.files().record(run, "engineer", List.of(RunFiles.Change.delete("pw")));
      assertThat(p.files().filesAt(run, p.events().lastSeq(run))).containsOnlyKeys("a.txt");
    }
  }
}
