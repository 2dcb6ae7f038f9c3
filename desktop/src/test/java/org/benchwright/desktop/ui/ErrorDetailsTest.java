package org.benchwright.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorDetailsTest {

  @Test
  void wrappersWithoutAMessageOfTheirOwnAreLookedThrough() {
    Throwable root = new IllegalArgumentException("The task is empty.");
    Throwable wrapped = new ExecutionException(new CompletionException(root));

    assertThat(ErrorDetails.meaningful(wrapped)).isSameAs(root);
    assertThat(ErrorDetails.message(wrapped)).isEqualTo("The task is empty.");
  }

  @Test
  void anErrorWithoutAMessageIsNamedByItsKind() {
    assertThat(ErrorDetails.message(new NullPointerException()))
        .isEqualTo("Unexpected NullPointerException (see the details).");
  }

  @Test
  void theDetailListsTheCauseChainOutermostFirstThenTheStackTrace() {
    Throwable e =
        new UncheckedIOException(
            "Cannot create the demo project",
            new IOException("disk full", new RuntimeException("ENOSPC")));

    String detail = ErrorDetails.detail(e);

    assertThat(ErrorDetails.causeChain(e))
        .containsExactly(
            "java.io.UncheckedIOException: Cannot create the demo project",
            "java.io.IOException: disk full",
            "java.lang.RuntimeException: ENOSPC");
    assertThat(detail.indexOf("UncheckedIOException")).isLessThan(detail.indexOf("disk full"));
    assertThat(detail)
        .contains("Stack trace:")
        .contains("at org.benchwright.desktop.ui.ErrorDetailsTest");
  }

  @Test
  void aCauseLoopEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);

    assertThat(ErrorDetails.causeChain(a)).hasSize(2);
  }
}
