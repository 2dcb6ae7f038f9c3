package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncTrailerTest {

  private static final byte[] BOUNDARY = "b-123".getBytes(StandardCharsets.US_ASCII);

  private static void tokens(ByteArrayOutputStream out, String... tokens) {
    for (String t : tokens) {
      out.writeBytes(t.getBytes(StandardCharsets.UTF_8));
      out.write(0);
    }
  }

  private static byte[] incremental() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tokens(out, "N 200.5 9");
    tokens(out, "S 100.5 7");
    tokens(out, "d 4096 8 1.0 1.0 1", "", "", "C", "new.txt", "C", "d", "C", "kept.txt");
    tokens(out, "f 3 8 1.0 1.0 2", "new.txt", "");
    tokens(out, "d 4096 8 1.0 1.0 3", "d", "", "C", "x");
    out.writeBytes(BOUNDARY);
    out.writeBytes(new byte[] {1, 2, 3});
    return out.toByteArray();
  }

  @Test
  void readsAnIncrementalTrailerWithFoldersStampsAndInlineContent() {
    SyncTrailer t = SyncTrailer.parse(incremental(), BOUNDARY, Set.of(), 100);

    assertThat(t).isNotNull();
    assertThat(t.full()).isFalse();
    assertThat(t.oldStamp()).isEqualTo("100.5 7");
    assertThat(t.newStamp()).isEqualTo("200.5 9");
    assertThat(t.listing().kept()).extracting(WorkspaceEntry::path).containsExactly("new.txt");
    assertThat(t.folders()).containsKeys("", "d");
    assertThat(t.inlineTar()).containsExactly(1, 2, 3);
  }

  @Test
  void deletionsComeFromChangedFoldersAndAVanishedFolderAsksForAFullListing() {
    SyncTrailer t = SyncTrailer.parse(incremental(), BOUNDARY, Set.of(), 100);

    assertThat(t.deleted(Set.of("kept.txt", "gone.txt", "d/x", "d/y")))
        .containsExactly("d/y", "gone.txt");
    assertThat(t.deleted(Set.of("vanished/file.txt"))).isNull();
  }

  @Test
  void aTrailerCutShortOrWithoutItsBoundaryIsNotTrusted() {
    byte[] whole = incremental();
    assertThat(SyncTrailer.parse(java.util.Arrays.copyOf(whole, 30), BOUNDARY, Set.of(), 100))
        .isNull();
    assertThat(SyncTrailer.parse(whole, "other".getBytes(), Set.of(), 100)).isNull();
  }
}
