package org.benchwright.engine.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bare socket to the service, for what a well-behaved client library will not send: headers one
 * byte at a time, bodies over the limit, a stream dropped mid-way.
 */
final class RawHttp implements AutoCloseable {

  final Socket socket;
  final OutputStream out;
  final InputStream in;

  RawHttp(ApiServer server) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(15_000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  RawHttp send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  /** The start of a request with the fixture's token (end the headers with {@code \r\n}). */
  static String head(String method, String path, ApiFixture api) {
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + api.token.value()
        + "\r\n";
  }

  /** One line without its CRLF, or null at the end of the stream. */
  String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c == -1 && b.size() == 0) {
      return null;
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  /** Reads one whole response (a Content-Length body, a chunked one, or up to the close). */
  ApiFixture.Response response() throws IOException {
    String status = line();
    if (status == null) {
      throw new IOException("the server closed the connection without answering");
    }
    int code = Integer.parseInt(status.split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String h;
    while ((h = line()) != null && !h.isEmpty()) {
      int colon = h.indexOf(':');
      headers
          .computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>())
          .add(h.substring(colon + 1).trim());
    }
    String length = header(headers, "Content-Length");
    String encoding = header(headers, "Transfer-Encoding");
    byte[] body;
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int size;
      while ((size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0) {
        b.write(in.readNBytes(size));
        line();
      }
      body = b.toByteArray();
    } else {
      body = in.readAllBytes();
    }
    return new ApiFixture.Response(
        code, header(headers, "Content-Type"), headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().getFirst())
        .findFirst()
        .orElse(null);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
