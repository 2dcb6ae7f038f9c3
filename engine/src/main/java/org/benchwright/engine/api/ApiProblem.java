package org.benchwright.engine.api;

import java.util.List;

/**
 * An error answered as {@code application/problem+json} (RFC 9457): thrown by a handler or the
 * server's checks, it carries what the client should know, never a stack trace.
 */
final class ApiProblem extends RuntimeException {

  private final int status;
  private final String title;
  private final List<String> errors;

  ApiProblem(int status, String title, String detail) {
    this(status, title, detail, List.of());
  }

  ApiProblem(int status, String title, String detail, List<String> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "Not found", detail);
  }

  static ApiProblem conflict(String detail) {
    return new ApiProblem(409, "Conflict", detail);
  }

  static ApiProblem unprocessable(String detail) {
    return new ApiProblem(422, "Refused", detail);
  }

  static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "Bad request", detail);
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }

  List<String> errors() {
    return errors;
  }

  /** A stable type URI per status, relative so it names the document's own problem kinds. */
  String type() {
    return "/problems/" + status;
  }
}
