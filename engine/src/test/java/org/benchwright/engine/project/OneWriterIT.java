package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-writer rule across real processes. */
class OneWriterIT {

  @TempDir Path dir;

  @Test
  void aSecondWriterIsToldWhichProcessHoldsTheProject() throws Exception {
    Path file = dir.resolve("p.bwproj");
    Project.create(file).close();
    try (ChildProcess child = ChildProcess.start("hold", file)) {
      assertThat(child.awaitLine("ready", 60_000)).as("child opened the project").isNotNull();

      assertThatThrownBy(() -> Project.open(file))
          .isInstanceOf(ProjectException.Locked.class)
          .hasMessageContaining("is open for writing by another process")
          .hasMessageContaining("pid " + child.pid())
          .hasMessageContaining("child-hold");

      // Readers are not blocked by the writer.
      try (Project reader = Project.openReadOnly(file)) {
        assertThat(reader.runs().list()).isEmpty();
      }
    }
    // The OS released the lock with the killed process: a new writer gets in.
    try (Project p = Project.open(file)) {
      assertThat(p.isReadOnly()).isFalse();
    }
  }

  @Test
  void readersSeeCommittedEventsWhileAnotherProcessKeepsWriting() throws Exception {
    Path file = dir.resolve("p.bwproj");
    Project.create(file).close();
    try (ChildProcess child = ChildProcess.start("append", file)) {
      String ready = child.awaitLine("ready", 60_000);
      assertThat(ready).isNotNull();
      long run = Long.parseLong(ready.split(" ")[1]);
      assertThat(child.awaitLine("ack 200 ", 60_000)).isNotNull();
      try (Project reader = Project.openReadOnly(file)) {
        long first = reader.events().lastSeq(run);
        assertThat(first).isGreaterThanOrEqualTo(200);
        assertThat(child.awaitLine("ack " + (first + 100) + " ", 60_000)).isNotNull();
        assertThat(reader.events().lastSeq(run)).isGreaterThanOrEqualTo(first + 100);
        assertThat(reader.events().events(run, 1, 50)).hasSize(50);
      }
    }
  }
}
