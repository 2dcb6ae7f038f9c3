package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL at random moments loses nothing it acknowledged, and the file stays
 * sound. The same file goes through every trial, so each trial also opens a file that the previous
 * kill left behind.
 */
class KillDuringWriteIT {

  private static final int TRIALS = 24;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedEventSurvivesKillNine() throws Exception {
    Path file = dir.resolve("crash.bwproj");
    Project.create(file).close();
    Random random = new Random(20261123L);
    long run = -1;
    long highestAcked = 0;
    int trialsWithWrites = 0;

    for (int trial = 0; trial < TRIALS; trial++) {
      ChildProcess child = ChildProcess.start("append", file);
      String ready = child.awaitLine("ready", 60_000);
      assertThat(ready).as("trial %d: child opened the project", trial).isNotNull();
      run = Long.parseLong(ready.split(" ")[1]);
      // Kill anywhere from right away to well into a stream of appends and file writes.
      Thread.sleep(random.nextInt(900));
      List<String> lines = child.killAndDrain();

      long acked = highestAcked;
      for (String line : lines) {
        if (line.startsWith("ack ")) {
          acked = Math.max(acked, Long.parseLong(line.split(" ")[1]));
        }
      }
      if (acked > highestAcked) {
        trialsWithWrites++;
      }
      highestAcked = acked;

      try (Project p = Project.open(file)) {
        assertThat(p.integrityCheck()).as("trial %d", trial).isEqualTo("ok");
        long last = p.events().lastSeq(run);
        assertThat(last)
            .as("trial %d: acknowledged seq %d kept", trial, acked)
            .isGreaterThanOrEqualTo(acked);
        assertContiguous(p, run, last);
        highestAcked = last;
      }
    }
    assertThat(trialsWithWrites)
        .as("trials that were killed mid-stream")
        .isGreaterThanOrEqualTo(20);

    try (Project p = Project.open(file)) {
      assertFilesMatchTheirEvents(p, run);
    }
  }

  private static void assertContiguous(Project p, long run, long last) {
    long[] expected = {1};
    p.events().stream(run).forEach(e -> assertThat(e.seq()).isEqualTo(expected[0]++));
    assertThat(expected[0] - 1).isEqualTo(last);
  }

  /** Every FILE_CHANGE event's file reads back as the content the child wrote for it. */
  private static void assertFilesMatchTheirEvents(Project p, long run) {
    List<RecordedEvent> changes = p.events().stream(run, Set.of(EventType.FILE_CHANGE)).toList();
    for (RecordedEvent e : changes) {
      String path = e.payload(EventPayload.FileChange.class).path();
      byte[] content = p.files().fileAt(run, path, e.seq()).orElseThrow();
      assertThat(p.blobs().get(e.blobSha())).hasValue(content);
    }
    assertThat(changes).isNotEmpty();
  }
}
