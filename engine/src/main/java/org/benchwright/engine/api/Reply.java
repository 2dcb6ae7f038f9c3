package org.benchwright.engine.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** What an operation answers: a JSON body, or a body it writes itself (a file, an event stream). */
sealed interface Reply {

  int status();

  Map<String, String> headers();

  /** A JSON body (any Jackson-serialisable value). */
  record Json(int status, Object body, Map<String, String> headers) implements Reply {
    public Json {
      headers = Map.copyOf(headers);
    }
  }

  /** A body written by the operation, e.g. a download or a stream that lasts as long as a run. */
  record Streamed(int status, String contentType, Map<String, String> headers, Body body)
      implements Reply {
    public Streamed {
      headers = Map.copyOf(headers);
    }
  }

  /** Writes a streamed body; an {@link IOException} means the client went away. */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  static Reply ok(Object body) {
    return new Json(200, body, Map.of());
  }

  static Reply created(Object body, String location) {
    return new Json(201, body, Map.of("Location", location));
  }

  static Reply accepted(Object body, String location) {
    return new Json(202, body, Map.of("Location", location));
  }
}
