package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.sandbox.WorkspaceSync.Tracked;
import org.junit.jupiter.api.Test;

class WorkspaceSyncTest {

  private static final long MIB = 1024 * 1024;
  private final SyncLimits limits = new SyncLimits(100, 10 * MIB, 20 * MIB);

  private static WorkspaceEntry file(String path, long size, String stamp) {
    return new WorkspaceEntry(path, 'f', size, size, size + " " + stamp, "");
  }

  private static WorkspaceListing listing(WorkspaceEntry... entries) {
    return new WorkspaceListing(List.of(entries), 0, 0, Map.of(), List.of(), List.of(), "");
  }

  @Test
  void copiesWhatChangedAndNothingTheSecondTime() {
    WorkspaceSync sync = new WorkspaceSync();
    WorkspaceListing l = listing(file("a.txt", 3, "1"), file("b.txt", 4, "1"));

    assertThat(sync.plan(l, Map.of(), limits).copy()).hasSize(2);
    assertThat(sync.plan(l, Map.of(), limits).nothing()).isTrue();

    WorkspaceSync.Plan p =
        sync.plan(listing(file("a.txt", 3, "2"), file("b.txt", 4, "1")), Map.of(), limits);
    assertThat(p.copy()).extracting(WorkspaceEntry::path).containsExactly("a.txt");
  }

  @Test
  void findsDeletionsOfRecordedFiles() {
    WorkspaceSync sync = new WorkspaceSync();
    Map<String, Tracked> tracked = new HashMap<>();
    tracked.put("gone.txt", new Tracked("aa", 1));
    tracked.put("kept.txt", new Tracked("bb", 1));
    sync.settle(listing(file("kept.txt", 1, "1"), file("gone.txt", 1, "1")));

    WorkspaceSync.Plan p = sync.plan(listing(file("kept.txt", 1, "1")), tracked, limits);
    assertThat(p.deleted()).containsExactly("gone.txt");
    assertThat(p.copy()).isEmpty();
  }

  @Test
  void bigSparseAndTooManyBytesAreSkippedWithTheirReason() {
    WorkspaceSync sync = new WorkspaceSync();
    WorkspaceEntry sparse = new WorkspaceEntry("big.bin", 'f', 20L << 30, 0, "s", "");
    WorkspaceEntry eleven = file("eleven.bin", 11 * MIB, "1");
    WorkspaceEntry nine1 = file("nine1.bin", 9 * MIB, "1");
    WorkspaceEntry nine2 = file("nine2.bin", 9 * MIB, "1");
    WorkspaceEntry nine3 = file("nine3.bin", 9 * MIB, "1");
    WorkspaceEntry fifo = new WorkspaceEntry("pipe", 'p', 0, 0, "p", "");

    WorkspaceSync.Plan p =
        sync.plan(listing(sparse, eleven, nine1, nine2, nine3, fifo), Map.of(), limits);

    assertThat(p.copy()).extracting(WorkspaceEntry::path).containsExactly("nine1.bin", "nine2.bin");
    assertThat(p.skipped())
        .extracting(WorkspaceSync.Skip::path, WorkspaceSync.Skip::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "big.bin",
                "a sparse file of 20 GiB with 0 B on disk; larger than the 10 MiB per-file cap"
                    + " (sandbox.sync.max_file_mb)"),
            org.assertj.core.groups.Tuple.tuple(
                "eleven.bin", "larger than the 10 MiB per-file cap (sandbox.sync.max_file_mb)"),
            org.assertj.core.groups.Tuple.tuple(
                "nine3.bin",
                "the run's files would exceed the 20 MiB total cap (sandbox.sync.max_total_mb)"),
            org.assertj.core.groups.Tuple.tuple(
                "pipe", "not a regular file or link (a named pipe)"));
  }

  @Test
  void theFileCountOverflowIsReportedOnceUntilItChanges() {
    WorkspaceSync sync = new WorkspaceSync();
    WorkspaceListing over =
        new WorkspaceListing(
            List.of(),
            190_000,
            190_000,
            Map.of("data", 190_000L),
            List.of("data/f1"),
            List.of(),
            "");

    assertThat(sync.plan(over, Map.of(), limits).overflow())
        .startsWith("190,000 file(s) (186 KiB) beyond the 100-file cap (sandbox.sync.max_files)")
        .contains("190,000 under data/");
    assertThat(sync.plan(over, Map.of(), limits).overflow()).isNull();
  }

  @Test
  void linksAreRecordedAsLinks() {
    WorkspaceSync sync = new WorkspaceSync();
    WorkspaceEntry link = new WorkspaceEntry("pw", 'l', 11, 0, "l", "/etc/passwd");
    WorkspaceSync.Plan p = sync.plan(listing(link), Map.of(), limits);
    assertThat(p.links()).containsExactly(link);
    assertThat(p.copy()).isEmpty();
  }

  @Test
  void sizesReadAsPeopleReadThem() {
    assertThat(WorkspaceSync.bytes(512)).isEqualTo("512 B");
    assertThat(WorkspaceSync.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(WorkspaceSync.bytes(20L << 30)).isEqualTo("20 GiB");
  }
}
