package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkspaceListingTest {

  /** find's three NUL-terminated fields for one entry. */
  private static void entry(ByteArrayOutputStream out, String line, byte[] path, String link) {
    out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
    out.write(0);
    out.writeBytes(path);
    out.write(0);
    out.writeBytes(link.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  private static void entry(ByteArrayOutputStream out, String line, String path, String link) {
    entry(out, line, path.getBytes(StandardCharsets.UTF_8), link);
  }

  /** Hands out one byte per read, so every field is split across reads. */
  private static InputStream trickle(byte[] b) {
    return new FilterInputStream(new java.io.ByteArrayInputStream(b)) {
      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        return super.read(buf, off, Math.min(1, len));
      }
    };
  }

  @Test
  void readsEveryFieldEvenWhenNamesHoldNewlinesAndReadsAreSplit() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entry(out, "f 12 8 1700000000.5 1700000000.6 42", "dir/a file\nwith newline.txt", "");
    entry(out, "l 11 0 1700000001.0 1700000001.0 43", "pw", "/etc/passwd");
    entry(out, "f 21474836480 0 1.0 1.0 44", "big.bin", "");
    WorkspaceListing l = WorkspaceListing.read(trickle(out.toByteArray()), Set.of(), 10, "");

    assertThat(l.kept()).hasSize(3);
    WorkspaceEntry a = l.kept().get(0);
    assertThat(a.path()).isEqualTo("dir/a file\nwith newline.txt");
    assertThat(a.regular()).isTrue();
    assertThat(a.size()).isEqualTo(12);
    assertThat(a.allocated()).isEqualTo(8 * 512);
    assertThat(a.stamp()).isEqualTo("12 1700000000.5 1700000000.6 42");
    assertThat(l.kept().get(1).symlink()).isTrue();
    assertThat(l.kept().get(1).linkTarget()).isEqualTo("/etc/passwd");
    assertThat(l.kept().get(2).sparse()).isTrue();
    assertThat(l.overflow()).isZero();
  }

  @Test
  void keepsTrackedEntriesAndOnlyCountsWhatIsBeyondTheRoom() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 50; i++) {
      entry(out, "f 1 8 1.0 1.0 " + i, "data/f" + i, "");
    }
    entry(out, "f 1 8 1.0 1.0 99", "keep.txt", "");
    entry(out, "f 3 8 1.0 1.0 98", "top.txt", "");
    WorkspaceListing l =
        WorkspaceListing.read(
            new java.io.ByteArrayInputStream(out.toByteArray()), Set.of("keep.txt"), 5, "");

    assertThat(l.kept()).extracting(WorkspaceEntry::path).contains("keep.txt").hasSize(6);
    assertThat(l.overflow()).isEqualTo(46);
    assertThat(l.overflowBytes()).isEqualTo(45 + 3);
    assertThat(l.overflowByFolder()).containsEntry("data", 45L).containsEntry("", 1L);
    assertThat(l.overflowExamples()).hasSize(10).startsWith("data/f5");
  }

  @Test
  void namesThatCannotBeRecordedAreSetAsideNotGuessed() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entry(out, "f 1 8 1.0 1.0 1", new byte[] {'b', 'a', 'd', (byte) 0xff}, "");
    entry(out, "f 1 8 1.0 1.0 2", "back\\slash", "");
    entry(out, "not find's line", "x", "");
    entry(out, "f 1 8 1.0 1.0 3", "ok.txt", "");
    WorkspaceListing l =
        WorkspaceListing.read(
            new java.io.ByteArrayInputStream(out.toByteArray()), Set.of(), 10, "");

    assertThat(l.kept()).extracting(WorkspaceEntry::path).containsExactly("ok.txt");
    assertThat(l.unreadableNames()).hasSize(2);
  }
}
