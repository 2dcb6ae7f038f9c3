package org.benchwright.desktop.skills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.skills.SkillDraft;
import org.benchwright.engine.skills.SkillHit;
import org.benchwright.engine.skills.SkillLibrary;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser's state over a real project and the real embedding model, without a screen. */
class SkillsViewModelTest {

  static final String REVERSE =
      "## When to use\nYou need a string's characters in the opposite order.\n\n"
          + "## Steps\n1. Slice with step -1.\n\n## Snippets\n```python\ns[::-1]\n```\n";
  static final String RAMP =
      "## When to use\nThe ball starts inside the ramp (verdict: intersection).\n\n"
          + "## Steps\n1. Start it one radius plus 1 cm above the surface.\n";

  @TempDir Path dir;
  private Project project;
  private SkillLibrary library;
  private final List<Long> opened = new ArrayList<>();
  private SkillsViewModel vm;
  private long runId;

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("p.bwproj"));
    library = SkillLibrary.of(project);
    runId = project.runs().create(new NewRun("benchmark-generator", "t", "{}")).id();
    library.save(SkillDraft.of("Reverse a string", REVERSE));
    library.save(new SkillDraft(null, "Start the ball clear of the ramp", RAMP, Map.of(), runId));
    vm = new SkillsViewModel(library, new CurrentThreadUiExecutor(), opened::add, Duration.ZERO);
  }

  @AfterEach
  void close() {
    project.close();
  }

  @Test
  void typingSearchesAndListsHitsBestFirstWithScores() {
    vm.queryProperty().set("flip the characters of a text backwards");

    assertThat(vm.results()).isNotEmpty();
    assertThat(vm.results().getFirst().skill().name()).isEqualTo("reverse-a-string");
    assertThat(vm.results().getFirst().score()).isPositive();
    assertThat(vm.statusProperty().get()).endsWith("skill");
    assertThat(vm.searchingProperty().get()).isFalse();
  }

  @Test
  void anEmptyQueryListsEverySkillAndANonsenseQuerySaysNothingMatches() {
    vm.search();
    assertThat(vm.results()).hasSize(2);
    vm.queryProperty().set("banana bread with walnuts");
    assertThat(vm.results()).isEmpty();
    assertThat(vm.statusProperty().get())
        .isEqualTo("No skill matches 'banana bread with walnuts'.");
  }

  @Test
  void resultsOfAnOvertakenSearchAreDropped() {
    QueuedExecutor queued = new QueuedExecutor();
    SkillsViewModel slow = new SkillsViewModel(library, queued, opened::add, Duration.ZERO);
    slow.queryProperty().set("ball ramp intersection");
    slow.queryProperty().set("reverse a string");
    // The newer search finishes first, then the older one: the older must not replace it.
    queued.runNewestFirst();
    assertThat(slow.results().getFirst().skill().name()).isEqualTo("reverse-a-string");
    assertThat(queued.ran).isEqualTo(2);
  }

  @Test
  void typingFastRunsOneSearchAfterThePause() throws Exception {
    java.util.concurrent.atomic.AtomicInteger searchesRun =
        new java.util.concurrent.atomic.AtomicInteger();
    UiExecutor counting =
        new CurrentThreadUiExecutor() {
          @Override
          public <T> void execute(
              Callable<T> work,
              Consumer<? super T> onSuccess,
              Consumer<? super Throwable> onFailure) {
            searchesRun.incrementAndGet();
            super.execute(work, onSuccess, onFailure);
          }
        };
    SkillsViewModel debounced =
        new SkillsViewModel(library, counting, opened::add, Duration.ofMillis(150));
    debounced.queryProperty().set("re");
    debounced.queryProperty().set("reverse");
    debounced.queryProperty().set("reverse a string");
    Poll.until(Duration.ofSeconds(30), () -> !debounced.results().isEmpty());
    Thread.sleep(300); // any overtaken search would have started by now
    assertThat(debounced.results().getFirst().skill().name()).isEqualTo("reverse-a-string");
    assertThat(searchesRun.get()).isEqualTo(1);
  }

  @Test
  void selectingAHitRendersItsMarkdownAndLoadsItsHistory() {
    vm.search();
    SkillHit reverse =
        vm.results().stream()
            .filter(h -> h.skill().name().equals("reverse-a-string"))
            .findFirst()
            .orElseThrow();
    vm.select(reverse);

    assertThat(vm.htmlProperty().get())
        .contains("<h1>Reverse a string</h1>")
        .contains("<h2>When to use</h2>")
        .contains("<code class=\"language-python\">s[::-1]");
    assertThat(vm.history()).hasSize(1);
    assertThat(vm.diffProperty().get()).contains("nothing to compare");
    assertThat(vm.originRunProperty().get()).isNull();
  }

  @Test
  void savingAnEditAddsAVersionAndShowsItsDiff() {
    vm.search();
    vm.select(
        vm.results().stream().filter(h -> h.skill().version() == 1).findFirst().orElseThrow());
    String name = vm.shownProperty().get().name();
    vm.editMarkdownProperty().set(vm.editMarkdownProperty().get() + "\n2. Check with a test.");
    vm.saveEdit();

    assertThat(library.history(name)).hasSize(2);
    assertThat(vm.shownProperty().get().version()).isEqualTo(2);
    assertThat(vm.history()).hasSize(2);
    assertThat(vm.diffProperty().get())
        .contains("--- version 1")
        .contains("+2. Check with a test.");
    assertThat(vm.statusProperty().get()).isEqualTo("Saved " + name + " version 2.");
  }

  @Test
  void aRefusedEditKeepsTheTextAndSaysWhy() {
    vm.search();
    vm.select(vm.results().getFirst());
    String name = vm.shownProperty().get().name();
    vm.editTitleProperty().set("   ");
    vm.editMarkdownProperty().set("my long careful rewrite");
    vm.saveEdit();

    assertThat(vm.statusProperty().get()).startsWith("Not saved: ").contains("needs a title");
    assertThat(vm.editMarkdownProperty().get()).isEqualTo("my long careful rewrite");
    assertThat(library.history(name)).hasSize(1);
    assertThat(vm.savingProperty().get()).isFalse();
  }

  @Test
  void theOriginRunLinkOpensTheRunThatTaughtTheSkill() {
    vm.queryProperty().set("ball starts inside the ramp");
    vm.select(vm.results().getFirst());
    assertThat(vm.originRunProperty().get()).isEqualTo(runId);
    vm.openOrigin();
    assertThat(opened).containsExactly(runId);

    // A version edited by hand still leads to the run that taught the skill.
    vm.editMarkdownProperty().set(vm.editMarkdownProperty().get() + "\n2. Re-validate.");
    vm.saveEdit();
    assertThat(vm.shownProperty().get().version()).isEqualTo(2);
    assertThat(vm.shownProperty().get().originRunId()).isNull();
    vm.openOrigin();
    assertThat(opened).containsExactly(runId, runId);
  }

  @Test
  void htmlInAModelWrittenSkillIsShownAsText() {
    library.save(
        SkillDraft.of(
            "Sneaky",
            "## When to use\n<script>alert(1)</script>\n\n## Steps\n1. [x](javascript:alert(2))\n"));
    vm.queryProperty().set("sneaky");
    vm.select(vm.results().getFirst());
    assertThat(vm.htmlProperty().get())
        .doesNotContain("<script>")
        .contains("&lt;script&gt;")
        .doesNotContain("javascript:");
  }

  /** Holds work until told to run it, to finish searches in an order of the test's choosing. */
  static final class QueuedExecutor implements UiExecutor {
    private final List<Runnable> queue = new ArrayList<>();
    int ran;

    @Override
    public <T> void execute(
        Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
      queue.add(
          () -> {
            ran++;
            try {
              onSuccess.accept(work.call());
            } catch (Exception e) {
              onFailure.accept(e);
            }
          });
    }

    void runNewestFirst() {
      for (int i = queue.size() - 1; i >= 0; i--) {
        queue.get(i).run();
      }
    }

    @Override
    public void post(Runnable update) {
      update.run();
    }

    @Override
    public void close() {}
  }
}
