package org.benchwright.engine.project;

import java.util.Objects;

/**
 * One item of a plan's TODO list.
 *
 * @param status todo, doing, done or refused (refused needs a proof)
 */
public record TodoItem(String text, String status, String proof) {

  public static final java.util.Set<String> STATUSES =
      java.util.Set.of("todo", "doing", "done", "refused");

  public TodoItem {
    Objects.requireNonNull(text, "text");
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "TODO status must be one of todo, doing, done, refused; got '" + status + "'");
    }
    if (status.equals("refused") && (proof == null || proof.isBlank())) {
      throw new IllegalArgumentException("A refused TODO item needs a proof.");
    }
  }
}
