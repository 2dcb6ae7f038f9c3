package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.benchwright.engine.model.ModelException;
import org.benchwright.engine.project.ProjectException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The headless service (issue 19, ADR 0042): Jetty's core handler API in front of the engine. Every
 * request goes the same way: route, authenticate, read a bounded body, validate against the
 * contract, refuse writes a reader cannot do, then run the operation. Every error is problem+json.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** Bodies are built as trees (dates as ISO-8601 text), so no type mapping is needed here. */
  static final ObjectMapper JSON = new ObjectMapper();

  static final String PROBLEM = "application/problem+json";

  /**
   * How much of a body over the limit is read and dropped so that the 413 reaches the client on a
   * clean connection; a body larger still is refused without reading it, and the connection closed.
   */
  static final long SWALLOW_BYTES = 2L << 20;

  /**
   * How the service listens. A non-loopback {@code bind} needs TLS (a PKCS#12 key store) or an
   * explicit {@code insecure}: a token sent in the clear over a network is a token given away.
   */
  public record Options(
      String bind,
      int port,
      Path keyStore,
      String keyStorePassword,
      boolean insecure,
      long maxBodyBytes,
      Duration idleTimeout,
      Path backupDir) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY = 1L << 20;

    public static Options loopback(int port) {
      return new Options(
          LOOPBACK, port, null, null, false, DEFAULT_MAX_BODY, Duration.ofSeconds(30), null);
    }

    public Options withBind(String address) {
      return new Options(
          address,
          port,
          keyStore,
          keyStorePassword,
          insecure,
          maxBodyBytes,
          idleTimeout,
          backupDir);
    }

    public Options withTls(Path store, String password) {
      return new Options(
          bind, port, store, password, insecure, maxBodyBytes, idleTimeout, backupDir);
    }

    public Options withInsecure(boolean value) {
      return new Options(
          bind, port, keyStore, keyStorePassword, value, maxBodyBytes, idleTimeout, backupDir);
    }

    public Options withMaxBodyBytes(long value) {
      return new Options(
          bind, port, keyStore, keyStorePassword, insecure, value, idleTimeout, backupDir);
    }

    public Options withIdleTimeout(Duration value) {
      return new Options(
          bind, port, keyStore, keyStorePassword, insecure, maxBodyBytes, value, backupDir);
    }

    /**
     * Where {@code POST /backups} writes: the folder given, or {@code backups} beside the project
     * file (a client never names a folder: the service's operator does).
     */
    public Options withBackupDir(Path dir) {
      return new Options(
          bind, port, keyStore, keyStorePassword, insecure, maxBodyBytes, idleTimeout, dir);
    }

    boolean tls() {
      return keyStore != null;
    }

    /** Refuses an exposed service without TLS unless asked for explicitly. */
    public void check() {
      boolean loopback;
      try {
        loopback = InetAddress.getByName(bind).isLoopbackAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("Cannot bind to " + bind + ": unknown address.");
      }
      if (!loopback && !tls() && !insecure) {
        throw new IllegalArgumentException(
            "Binding to "
                + bind
                + " exposes the service beyond this machine: give --tls-keystore (HTTPS), or"
                + " --insecure to send the token in the clear.");
      }
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final Service service;
  private final EventTail tail;
  private final SlowClients slow;
  private final boolean tls;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private ApiServer(
      Server server,
      ServerConnector connector,
      Service service,
      EventTail tail,
      SlowClients slow,
      boolean tls) {
    this.server = server;
    this.connector = connector;
    this.service = service;
    this.tail = tail;
    this.slow = slow;
    this.tls = tls;
  }

  /**
   * Serves a project (opened for writing, or read-only when {@code writer} names the process that
   * holds its writer lock). The caller keeps the project and closes it after this server.
   *
   * @throws IllegalArgumentException when the options expose the service without TLS
   */
  public static ApiServer serve(
      org.benchwright.engine.project.Project project,
      String writer,
      org.benchwright.engine.model.ApiKeys keys,
      ApiToken token,
      Options options,
      String version)
      throws Exception {
    options.check();
    Service service = new Service(project, writer, keys, version, options.backupDir());
    try {
      return start(service, token, options);
    } catch (Exception | Error e) {
      service.close();
      throw e;
    }
  }

  /**
   * Starts serving a project. The service takes ownership of {@code service}'s runtime and closes
   * it with the server (not the project: the caller opened it and closes it).
   */
  static ApiServer start(Service service, ApiToken token, Options options) throws Exception {
    options.check();
    QueuedThreadPool threads = new QueuedThreadPool(256, 8);
    threads.setName("api");
    threads.setDaemon(true);
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(16 * 1024);
    ServerConnector connector;
    if (options.tls()) {
      http.addCustomizer(new SecureRequestCustomizer(false));
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(options.keyStore().toAbsolutePath().toString());
      ssl.setKeyStorePassword(options.keyStorePassword());
      ssl.setKeyStoreType("PKCS12");
      connector =
          new ServerConnector(
              server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(options.bind());
    connector.setPort(options.port());
    // A client that stops sending (slowloris) or reading is dropped after this; streams send a
    // comment well inside it so a quiet run does not look like a dead client.
    connector.setIdleTimeout(options.idleTimeout().toMillis());
    // The idle timeout restarts with every byte: a request that trickles in has a deadline too.
    SlowClients slow = new SlowClients(options.idleTimeout());
    connector.addBean(slow);
    server.addConnector(connector);
    EventTail tail = EventTail.start(service.project());
    Routes routes = Operations.routes(service, tail);
    server.setHandler(
        new Dispatch(routes, service, token, Contract.shipped(), options.maxBodyBytes(), slow));
    server.setErrorHandler(new ProblemErrorHandler());
    server.setStopTimeout(2000);
    try {
      server.start();
    } catch (Exception e) {
      tail.close();
      slow.close();
      throw e;
    }
    return new ApiServer(server, connector, service, tail, slow, options.tls());
  }

  public int port() {
    return connector.getLocalPort();
  }

  public URI uri() {
    String host = connector.getHost();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((tls ? "https" : "http") + "://" + host + ":" + port());
  }

  /** Blocks until the server stops (the CLI's {@code serve} waits here). */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("The HTTP server did not stop cleanly: {}", e.getMessage());
    } finally {
      slow.close();
      tail.close();
      service.close();
    }
  }

  /** The one request path: route, authenticate, bound, validate, refuse, operate. */
  private static final class Dispatch extends Handler.Abstract {

    private final Routes routes;
    private final Service service;
    private final ApiToken token;
    private final Contract contract;
    private final long maxBody;
    private final SlowClients slow;

    Dispatch(
        Routes routes,
        Service service,
        ApiToken token,
        Contract contract,
        long maxBody,
        SlowClients slow) {
      this.routes = routes;
      this.service = service;
      this.token = token;
      this.contract = contract;
      this.maxBody = maxBody;
      this.slow = slow;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      slow.arrived(request);
      Reply reply;
      try {
        reply = answer(request);
      } catch (ApiProblem p) {
        reply = problemReply(p);
      } catch (ProjectException e) {
        reply = problemReply(Service.problemOf(e));
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        reply = problemReply(ApiProblem.unprocessable(e.getMessage()));
      } catch (org.benchwright.engine.sandbox.SandboxException e) {
        // Docker stopped or an image missing: the request cannot be served now, as the preflight
        // says for runs; not a bug of the service.
        reply = problemReply(ApiProblem.unprocessable(e.getMessage()));
      } catch (ModelException e) {
        // A model choice the engine cannot use (no such script, no key, a bad reply) is the
        // request's fault and its message says what to do; a provider failing is the service's.
        reply =
            e.retriable()
                ? internalError(request, e)
                : problemReply(ApiProblem.unprocessable(e.getMessage()));
      } catch (IllegalStateException e) {
        reply = problemReply(ApiProblem.conflict(e.getMessage()));
      } catch (Exception e) {
        reply = internalError(request, e);
      }
      // Before Jetty reads the next request: that one is owed from the end of this answer.
      write(reply, request, response, Callback.from(() -> slow.answered(request), callback));
      return true;
    }

    private static Reply internalError(Request request, Exception e) {
      String ref = UUID.randomUUID().toString();
      LOG.error(
          "Request {} {} failed (reference {})",
          request.getMethod(),
          request.getHttpURI().getPath(),
          ref,
          e);
      return problemReply(
          new ApiProblem(
              500,
              "Internal error",
              "The service failed on this request; its log names reference " + ref + "."));
    }

    private Reply answer(Request request) throws Exception {
      String method = request.getMethod();
      String path = request.getHttpURI().getDecodedPath();
      var match = routes.match(method, path);
      if (match.isEmpty()) {
        var allowed = routes.methodsAt(path);
        if (allowed.isEmpty()) {
          throw ApiProblem.notFound("No resource at " + path + " (see /openapi.json).");
        }
        throw new ApiProblem(
            405,
            "Method not allowed",
            method
                + " is not an operation of "
                + path
                + "; it answers "
                + String.join(", ", allowed)
                + ".");
      }
      Routes.Route route = match.get().route();
      boolean open = route.operationId().equals("getOpenApi");
      if (!open) {
        var refused = token.refusal(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (refused.isPresent()) {
          throw new ApiProblem(401, "Unauthorized", refused.get());
        }
      }
      String body = readBody(request);
      Map<String, List<String>> query = query(request);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      Map<String, String> firstHeaders = new LinkedHashMap<>();
      for (HttpField f : request.getHeaders()) {
        headers.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(f.getValue());
        firstHeaders.putIfAbsent(f.getName().toLowerCase(Locale.ROOT), f.getValue());
      }
      // The validator checks a body only against a content type it is told: a body sent without
      // one would reach the operation unchecked.
      if (body != null && !firstHeaders.containsKey("content-type")) {
        if (!contract.takesBody(method, route.template())) {
          body = null; // an operation without a body reads none
        } else {
          throw new ApiProblem(
              415,
              "Unsupported media type",
              "A request body needs a Content-Type header (application/json).");
        }
      }
      List<String> errors = contract.check(method, path, query, headers, body);
      if (!errors.isEmpty()) {
        boolean mediaType =
            errors.stream().allMatch(m -> m.startsWith("validation.request.contentType"));
        throw new ApiProblem(
            mediaType ? 415 : 400,
            mediaType ? "Unsupported media type" : "Bad request",
            "The request does not match the API's contract (/openapi.json).",
            errors);
      }
      if (route.writes() && service.project().isReadOnly()) {
        throw ApiProblem.conflict(service.readOnlyDetail());
      }
      JsonNode json = null;
      if (body != null && !body.isEmpty()) {
        try {
          json = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw ApiProblem.badRequest("The body is not JSON: " + e.getOriginalMessage());
        }
      }
      return route
          .operation()
          .handle(new Call(route.operationId(), match.get().path(), query, firstHeaders, json));
    }

    private String readBody(Request request) throws IOException {
      long declared = request.getLength();
      if (declared > maxBody + SWALLOW_BYTES) {
        throw tooLarge();
      }
      if (declared == 0) {
        return null;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      slow.readingBody(request);
      try (InputStream in = Content.Source.asInputStream(request)) {
        byte[] buf = new byte[8192];
        long over = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
          if (over > 0 || out.size() + n > maxBody) {
            // Over the limit: the rest is read and dropped, not kept, up to a bound. A server
            // that stops reading must close the connection with the client's bytes unread, and
            // the client's system then often discards the refusal before the client reads it.
            over += n;
            if (over > SWALLOW_BYTES) {
              throw tooLarge();
            }
          } else {
            out.write(buf, 0, n);
          }
        }
        if (over > 0) {
          throw tooLarge();
        }
      } catch (IOException e) {
        // Cut off (a client too slow to send its body is closed) or malformed chunking.
        throw ApiProblem.badRequest("The body could not be read: " + e.getMessage());
      } finally {
        slow.bodyRead(request);
      }
      return out.size() == 0 ? null : out.toString(StandardCharsets.UTF_8);
    }

    private ApiProblem tooLarge() {
      return new ApiProblem(
          413,
          "Content too large",
          "The body is over the service's limit of " + maxBody + " bytes.");
    }

    private static Map<String, List<String>> query(Request request) {
      Fields fields;
      try {
        fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        throw ApiProblem.badRequest("The query string cannot be read: " + e.getMessage());
      }
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (Fields.Field f : fields) {
        out.put(f.getName(), List.copyOf(f.getValues()));
      }
      return out;
    }
  }

  static Reply problemReply(ApiProblem p) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", p.type());
    body.put("title", p.title());
    body.put("status", p.status());
    body.put("detail", p.getMessage() == null ? p.title() : p.getMessage());
    if (!p.errors().isEmpty()) {
      var errors = body.putArray("errors");
      p.errors().forEach(errors::add);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", PROBLEM);
    if (p.status() == 401) {
      headers.put("WWW-Authenticate", "Bearer");
    }
    // Written whole (with its length), not streamed: when a refusal leaves a body unread, Jetty
    // closes the connection after it, and only a response sent in one piece is still complete.
    return new Reply.Json(p.status(), body, headers);
  }

  private static void write(Reply reply, Request request, Response response, Callback callback) {
    response.setStatus(reply.status());
    reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    switch (reply) {
      case Reply.Json j -> {
        byte[] bytes;
        try {
          bytes = JSON.writeValueAsBytes(j.body());
        } catch (IOException e) {
          callback.failed(e);
          return;
        }
        if (!response.getHeaders().contains(HttpHeader.CONTENT_TYPE)) {
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        }
        response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
      }
      case Reply.Streamed s -> {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, s.contentType());
        try (OutputStream out =
            new StreamOut(
                Content.Sink.asOutputStream(response),
                request.getConnectionMetaData().getConnection().getEndPoint())) {
          s.body().writeTo(out);
        } catch (IOException e) {
          // The client went away mid-body: nothing to tell it, nothing recorded is touched.
          LOG.debug(
              "{} {}: client gone: {}",
              request.getMethod(),
              request.getHttpURI().getPath(),
              e.getMessage());
          callback.failed(e);
          return;
        } catch (RuntimeException e) {
          LOG.error(
              "{} {}: streaming failed", request.getMethod(), request.getHttpURI().getPath(), e);
          callback.failed(e);
          return;
        }
        callback.succeeded();
      }
    }
  }

  /** Jetty's own refusals (a malformed request line, headers too large) as problem+json too. */
  private static final class ProblemErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      int status = response.getStatus() >= 400 ? response.getStatus() : 400;
      Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
      String detail = message == null ? "The request could not be read." : message.toString();
      ObjectNode body = JSON.createObjectNode();
      body.put("type", "/problems/" + status);
      body.put("title", org.eclipse.jetty.http.HttpStatus.getMessage(status));
      body.put("status", status);
      body.put("detail", detail);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM);
      try {
        response.write(true, java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(body)), callback);
      } catch (IOException e) {
        callback.failed(e);
      }
      return true;
    }
  }
}
