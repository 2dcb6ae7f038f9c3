package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project written by the first format (before forks shared history) is migrated on opening, and
 * its runs can be forked, read through the lineage, and deleted with the fork keeping its history.
 */
class OldProjectForkTest {

  @TempDir Path dir;

  @Test
  void aRunOfAFormat1ProjectCanBeForkedAndReadThroughItsLineage() throws Exception {
    Path file = dir.resolve("old.bwproj");
    try (InputStream in = getClass().getResourceAsStream("/fixtures/format1.bwproj")) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    long fork;
    List<RecordedEvent> parentEvents;
    try (Project p = Project.open(file)) {
      assertThat(p.migrationBackup()).isPresent();
      RunInfo old = p.runs().list().getFirst();
      parentEvents = p.events().events(old.id(), 1, 10);
      assertThat(parentEvents).hasSize(2);

      fork = ForkHistory.fork(p, old.id(), 2, "fork of an old run");
      p.files().write(fork, "coder", "scene.xml", "<mujoco model=\"fork\"/>".getBytes());

      assertThat(p.runs().lineage(fork))
          .containsExactly(
              new Lineage.Segment(old.id(), 1, 2), new Lineage.Segment(fork, 3, Long.MAX_VALUE));
      List<RecordedEvent> events = p.events().events(fork, 1, 10);
      assertThat(events).extracting(RecordedEvent::seq).containsExactly(1L, 2L, 3L, 4L);
      assertThat(events.subList(0, 2)).isEqualTo(parentEvents);
      assertThat(events.get(2).type()).isEqualTo(EventType.FORK);
      assertThat(text(p.files().fileAt(fork, "scene.xml", 3).orElseThrow())).isEqualTo("<mujoco/>");
      assertThat(text(p.files().fileAt(fork, "scene.xml", 4).orElseThrow()))
          .isEqualTo("<mujoco model=\"fork\"/>");
      assertThat(text(p.files().fileAt(old.id(), "scene.xml", 2).orElseThrow()))
          .isEqualTo("<mujoco/>");

      p.runs().delete(old.id());
    }
    try (Project p = Project.openReadOnly(file)) {
      List<RecordedEvent> events = p.events().events(fork, 1, 10);
      assertThat(events).hasSize(4);
      assertThat(events.subList(0, 2))
          .extracting(RecordedEvent::seq, RecordedEvent::type, RecordedEvent::payloadJson)
          .isEqualTo(
              parentEvents.stream()
                  .map(e -> org.assertj.core.groups.Tuple.tuple(e.seq(), e.type(), e.payloadJson()))
                  .toList());
      assertThat(text(p.files().fileAt(fork, "scene.xml", 3).orElseThrow())).isEqualTo("<mujoco/>");
      assertThat(p.integrityCheck()).isEqualTo("ok");
    }
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
