package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStreamTest {

  @TempDir Path dir;

  private Project project;
  private long run;

  @BeforeEach
  void runOf3500Events() {
    project = Project.create(dir.resolve("p.bwproj"));
    run = project.runs().create(new NewRun("engineer", "a ramp", "{}")).id();
    List<Event> events = new ArrayList<>();
    for (int i = 1; i <= 3_500; i++) {
      events.add(
          i % 10 == 0
              ? Event.of("engineer", new EventPayload.UserMessage("message " + i))
              : Event.of("engineer", EventPayload.Note.of("i", Integer.toString(i))));
    }
    project.events().appendAll(run, events);
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    project.close();
  }

  @Test
  void streamingARunYieldsEveryEventInOrder() {
    assertThat(project.events().stream(run).map(RecordedEvent::seq))
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 3_500).boxed().toList());
  }

  @Test
  void aStreamReadsItsRunAPageAtATime() {
    assertThat(project.events().pages(run, 1, Set.of(), EventLog.PAGE).map(List::size))
        .containsExactly(1_000, 1_000, 1_000, 500);
  }

  @Test
  void aStreamReadsNoFurtherThanItsReaderGoes() {
    List<Integer> pagesRead = new ArrayList<>();

    var first =
        project
            .events()
            .pages(run, 1, Set.of(), 100)
            .peek(p -> pagesRead.add(p.size()))
            .flatMap(List::stream)
            .filter(e -> e.seq() == 150)
            .findFirst();

    assertThat(first).get().extracting(RecordedEvent::seq).isEqualTo(150L);
    assertThat(pagesRead).containsExactly(100, 100);
  }

  @Test
  void aStreamCanStartAtASeqAndKeepOnlySomeTypes() {
    assertThat(project.events().stream(run, 3_001).count()).isEqualTo(500);
    assertThat(
            project.events().stream(run, Set.of(EventType.USER_MESSAGE))
                .map(e -> e.payload(EventPayload.UserMessage.class).text()))
        .hasSize(350)
        .startsWith("message 10", "message 20")
        .endsWith("message 3500");
  }

  @Test
  void aStreamOfARunWithoutEventsIsEmpty() {
    long empty = project.runs().create(new NewRun("engineer", "nothing", "{}")).id();

    assertThat(project.events().stream(empty)).isEmpty();
  }
}
