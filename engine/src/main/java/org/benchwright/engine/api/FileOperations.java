package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.RunInfo;

/**
 * A run's files as of one of its events, read from the project's recorded versions (never from a
 * disk or a sandbox): the listing and one file's bytes.
 */
final class FileOperations {

  /** A "." or ".." segment, wherever it is. */
  private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

  private FileOperations() {}

  static void register(Routes r, Service s) {
    r.get("/runs/{runId}/files", "listFiles", call -> list(s, call));
    r.get("/runs/{runId}/files/content", "getFileContent", call -> content(s, call));
  }

  private static Reply list(Service s, Call call) {
    RunInfo run = RunOperations.run(s, call);
    long at = at(s, run, call);
    ObjectNode body = ApiServer.JSON.createObjectNode();
    body.put("run", run.id());
    body.put("at", at);
    var files = body.putArray("files");
    for (FileVersion v : s.project().files().filesAt(run.id(), at).values()) {
      ObjectNode f = files.addObject();
      f.put("path", v.path());
      f.put("seq", v.seq());
      f.put("size", v.size());
      f.put("sha256", v.blobSha());
      f.put("symlink", v.symlink());
    }
    return Reply.ok(body);
  }

  private static Reply content(Service s, Call call) {
    RunInfo run = RunOperations.run(s, call);
    String path = checked(call.query("path").orElse(""));
    long at = at(s, run, call);
    FileVersion v =
        s.project()
            .files()
            .versionAt(run.id(), path, at)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "Run " + run.id() + " has no file " + path + " at event " + at + "."));
    byte[] bytes = s.project().files().fileAt(run.id(), path, at).orElseThrow();
    String type = text(bytes) ? "text/plain; charset=utf-8" : "application/octet-stream";
    Map<String, String> headers =
        v.symlink()
            ? Map.of("ETag", "\"" + v.blobSha() + "\"", "X-Benchwright-Symlink", "true")
            : Map.of("ETag", "\"" + v.blobSha() + "\"");
    return new Reply.Streamed(200, type, headers, out -> out.write(bytes));
  }

  /**
   * The file path asked for, refused unless it names a file inside the run. The contract's pattern
   * refuses the same before this runs; this check stays so that no reader of this class has to
   * trust the document to know that nothing outside the run is read.
   */
  static String checked(String path) {
    String why = null;
    if (path.isEmpty()) {
      why = "is empty";
    } else if (path.indexOf('\0') >= 0) {
      why = "contains a NUL character";
    } else if (path.indexOf('\\') >= 0) {
      why = "contains a backslash (run paths use /)";
    } else if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
      why = "is absolute (run paths are relative to the run)";
    } else if (DOT_SEGMENT.matcher(path).find()) {
      why = "has a '.' or '..' segment";
    } else if (path.contains("//") || path.endsWith("/")) {
      why = "has an empty segment";
    } else if (path.chars().anyMatch(Character::isISOControl)) {
      why = "contains a control character";
    }
    if (why != null) {
      throw ApiProblem.badRequest(
          "The file path "
              + why
              + ": give a path relative to the run, like src/main.py, as it is listed by"
              + " GET /runs/{runId}/files.");
    }
    return path;
  }

  /** The event to read the files at: the one asked for, or the run's last. */
  private static long at(Service s, RunInfo run, Call call) {
    long last = s.project().events().lastSeq(run.id());
    long at = call.queryLong("at").orElse(last);
    if (at > last) {
      throw ApiProblem.notFound(
          "Run " + run.id() + " has no event " + at + " (its last is " + last + ").");
    }
    return at;
  }

  private static boolean text(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
