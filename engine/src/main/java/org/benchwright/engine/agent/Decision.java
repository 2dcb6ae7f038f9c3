package org.benchwright.engine.agent;

import java.util.List;
import org.benchwright.engine.project.TodoItem;

/** A human's decision on a gate. */
public sealed interface Decision {

  String decidedBy();

  record Approve(String decidedBy) implements Decision {}

  record Reject(String decidedBy, String comment) implements Decision {
    public Reject {
      if (comment == null || comment.isBlank()) {
        throw new IllegalArgumentException("A rejection needs a comment for the agent.");
      }
    }
  }

  /** Approve after changing the plan: the edited revision is recorded as the human's. */
  record EditThenApprove(String decidedBy, String planText, List<TodoItem> items)
      implements Decision {}
}
